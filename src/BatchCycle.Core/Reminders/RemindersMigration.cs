using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BatchCycle.Reminders;

/// <summary>The reminder outbox: one row per round and label, so a message is drafted once and sent at most once.</summary>
[DbContext(typeof(BatchCycleDb))]
[Migration("20261121000600_Reminders")]
public sealed class RemindersMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // The unique constraints are what makes re-running safe: a second draft of the same round and label, or a
        // second message with the same Message-ID, is refused by the database, not merely avoided by the code.
        migrationBuilder.Sql("""
            CREATE TABLE ReminderOutbox (
                Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                Round TEXT NOT NULL,
                Year INTEGER NOT NULL,
                LabelSerial TEXT NOT NULL,
                LabelType TEXT NOT NULL,
                HolderName TEXT NOT NULL,
                ExpiresOn TEXT NOT NULL,
                Recipient TEXT NULL,
                Subject TEXT NOT NULL,
                TextBody TEXT NOT NULL,
                HtmlBody TEXT NOT NULL,
                MessageId TEXT NOT NULL,
                State TEXT NOT NULL CHECK (State IN ('Drafted', 'NoEmail', 'Sending', 'Sent', 'Failed', 'Uncertain')),
                Attempts INTEGER NOT NULL,
                LastError TEXT NULL,
                NextAttemptAt TEXT NULL,
                ClaimedBy TEXT NULL,
                ClaimedAt TEXT NULL,
                SentAt TEXT NULL,
                CreatedAt TEXT NOT NULL);
            CREATE UNIQUE INDEX IX_ReminderOutbox_MessageId ON ReminderOutbox (MessageId);
            CREATE UNIQUE INDEX IX_ReminderOutbox_Round_LabelSerial ON ReminderOutbox (Round, LabelSerial);
            CREATE INDEX IX_ReminderOutbox_Round_State ON ReminderOutbox (Round, State);
            """);
    }
}
