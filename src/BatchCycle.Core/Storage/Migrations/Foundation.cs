using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BatchCycle.Storage.Migrations;

/// <summary>Runs, imported files and rows, screening results, certificates and users.</summary>
[DbContext(typeof(BatchCycleDb))]
[Migration("20261121000100_Foundation")]
public sealed class Foundation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE Runs (
                Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                Year INTEGER NOT NULL,
                State TEXT NOT NULL,
                StartedAt TEXT NOT NULL,
                FinishedAt TEXT NULL,
                StartedBy TEXT NOT NULL,
                InputFolder TEXT NOT NULL,
                OutFolder TEXT NOT NULL,
                AsOf TEXT NOT NULL,
                CurrentStage TEXT NULL,
                Error TEXT NULL);
            """);
        migrationBuilder.Sql("""
            CREATE TABLE RunStages (
                Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                RunId INTEGER NOT NULL REFERENCES Runs(Id) ON DELETE CASCADE,
                Position INTEGER NOT NULL,
                Stage TEXT NOT NULL,
                State TEXT NOT NULL,
                StartedAt TEXT NULL,
                FinishedAt TEXT NULL,
                Progress REAL NOT NULL,
                CountsJson TEXT NOT NULL,
                WarningsJson TEXT NOT NULL,
                Error TEXT NULL,
                UNIQUE (RunId, Stage));
            """);
        migrationBuilder.Sql("""
            CREATE TABLE SourceFiles (
                Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                RunId INTEGER NOT NULL REFERENCES Runs(Id) ON DELETE CASCADE,
                FileName TEXT NOT NULL,
                Sha256 TEXT NOT NULL,
                Size INTEGER NOT NULL,
                Content BLOB NOT NULL,
                LastModified TEXT NULL,
                Kinds TEXT NOT NULL);
            CREATE INDEX IX_SourceFiles_RunId ON SourceFiles (RunId);
            """);
        migrationBuilder.Sql("""
            CREATE TABLE ImportIssues (
                Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                RunId INTEGER NOT NULL REFERENCES Runs(Id) ON DELETE CASCADE,
                File TEXT NOT NULL,
                Sheet TEXT NULL,
                Row INTEGER NULL,
                "Column" TEXT NULL,
                Problem TEXT NOT NULL);
            CREATE INDEX IX_ImportIssues_RunId ON ImportIssues (RunId);
            """);
        migrationBuilder.Sql("""
            CREATE TABLE ImportedRecords (
                Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                RunId INTEGER NOT NULL REFERENCES Runs(Id) ON DELETE CASCADE,
                Kind TEXT NOT NULL,
                Json TEXT NOT NULL);
            CREATE INDEX IX_ImportedRecords_RunId_Kind ON ImportedRecords (RunId, Kind);
            """);
        migrationBuilder.Sql("""
            CREATE TABLE ScreeningOutcomes (
                Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                RunId INTEGER NOT NULL REFERENCES Runs(Id) ON DELETE CASCADE,
                ApplicationId TEXT NOT NULL,
                LabelType TEXT NOT NULL,
                Kind TEXT NOT NULL,
                Outcome TEXT NOT NULL,
                NotMet TEXT NOT NULL,
                Unknown TEXT NOT NULL,
                Reasons TEXT NOT NULL,
                UNIQUE (RunId, ApplicationId));
            """);
        migrationBuilder.Sql("""
            CREATE TABLE RequirementResults (
                Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                RunId INTEGER NOT NULL REFERENCES Runs(Id) ON DELETE CASCADE,
                ApplicationId TEXT NOT NULL,
                Requirement TEXT NOT NULL,
                Result TEXT NOT NULL,
                Evidence TEXT NOT NULL,
                Note TEXT NOT NULL,
                IsTopLevel INTEGER NOT NULL);
            CREATE INDEX IX_RequirementResults_RunId ON RequirementResults (RunId, ApplicationId);
            """);
        // Serials and verification codes are unique by constraint, not by care: two concurrent runs cannot
        // both issue 2025-M-0001, and one application of a cycle gets at most one certificate.
        migrationBuilder.Sql("""
            CREATE TABLE Certificates (
                Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                Serial TEXT NOT NULL UNIQUE,
                Year INTEGER NOT NULL,
                LabelType TEXT NOT NULL,
                Sequence INTEGER NOT NULL,
                ApplicationId TEXT NOT NULL,
                HolderName TEXT NOT NULL,
                HolderNameEn TEXT NULL,
                HolderRegistrationNo TEXT NULL,
                FactoryId TEXT NULL,
                FactoryName TEXT NULL,
                ProviderId TEXT NULL,
                AwardedOn TEXT NOT NULL,
                ExpiresOn TEXT NOT NULL,
                Route TEXT NULL,
                VerificationCode TEXT NOT NULL UNIQUE,
                EvidenceJson TEXT NOT NULL,
                ContactName TEXT NULL,
                ContactEmail TEXT NULL,
                Revoked INTEGER NOT NULL,
                IssuedAt TEXT NOT NULL,
                RunId INTEGER NOT NULL,
                UNIQUE (Year, ApplicationId),
                UNIQUE (Year, LabelType, Sequence));
            """);
        migrationBuilder.Sql("""
            CREATE TABLE Users (
                Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                UserName TEXT NOT NULL UNIQUE COLLATE NOCASE,
                PasswordHash TEXT NOT NULL,
                CreatedAt TEXT NOT NULL);
            """);
    }
}
