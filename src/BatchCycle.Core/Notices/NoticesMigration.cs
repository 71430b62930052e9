using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BatchCycle.Notices;

/// <summary>
/// The results-notice outbox (guide 7): one row per notice of an application. A notice once sent is never
/// rewritten: a changed decision gets a new version, which names the notice it corrects.
/// </summary>
[DbContext(typeof(BatchCycleDb))]
[Migration("20261201006200_NoticeOutbox")]
public sealed class NoticesMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        // As for reminders, the unique constraints make re-running safe: the database refuses a second version
        // number or Message-ID for the same notice, whatever the code does.
        migrationBuilder.Sql("""
            CREATE TABLE NoticeOutbox (
                Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                Year INTEGER NOT NULL,
                ApplicationId TEXT NOT NULL,
                Version INTEGER NOT NULL,
                LabelType TEXT NOT NULL,
                Decision TEXT NOT NULL CHECK (Decision IN ('Approve', 'Reject', 'Defer')),
                HolderName TEXT NOT NULL,
                Recipient TEXT NULL,
                Subject TEXT NOT NULL,
                TextBody TEXT NOT NULL,
                HtmlBody TEXT NOT NULL,
                MessageId TEXT NOT NULL,
                Corrects TEXT NULL,
                State TEXT NOT NULL CHECK (State IN ('Drafted', 'NoEmail', 'Sending', 'Sent', 'Failed', 'Uncertain')),
                Attempts INTEGER NOT NULL,
                LastError TEXT NULL,
                NextAttemptAt TEXT NULL,
                ClaimedBy TEXT NULL,
                ClaimedAt TEXT NULL,
                SentAt TEXT NULL,
                CreatedAt TEXT NOT NULL);
            CREATE UNIQUE INDEX IX_NoticeOutbox_MessageId ON NoticeOutbox (MessageId);
            CREATE UNIQUE INDEX IX_NoticeOutbox_Year_ApplicationId_Version ON NoticeOutbox (Year, ApplicationId, Version);
            CREATE INDEX IX_NoticeOutbox_State ON NoticeOutbox (State);
            """);
}
