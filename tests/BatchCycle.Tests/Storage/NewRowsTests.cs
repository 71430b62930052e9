using BatchCycle.Notices;
using BatchCycle.Reminders;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Tests.Storage;

/// <summary>
/// Rows added through <see cref="NewRows"/> are stored as EF Core stores them: the same columns, the same values, the
/// same storage classes (a day as text, a flag as an integer, a state as its name, a time to the tick), the same keys.
/// </summary>
public sealed class NewRowsTests
{
    private static readonly DateTime At = new DateTime(2025, 12, 1, 9, 30, 15, DateTimeKind.Utc).AddTicks(1234567);

    public static TheoryData<string> Tables => ["Certificates", "NoticeOutbox", "ReminderOutbox"];

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Rows_added_apart_are_stored_as_the_change_tracker_stores_them(string table)
    {
        using var temp = new TempFolder();
        var tracked = await StoreAsync(temp.Combine("tracked.db"), table, async (db, rows) =>
        {
            db.AddRange(rows);
            await db.SaveChangesAsync();
        });
        var apart = await StoreAsync(temp.Combine("apart.db"), table, async (db, rows) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await AddApartAsync(db, rows);
            await transaction.CommitAsync();
        });

        Assert.Equal(3, tracked.Count);
        Assert.Equal(tracked, apart);
    }

    private static Task AddApartAsync(BatchCycleDb db, IReadOnlyList<object> rows) => rows[0] switch
    {
        CertificateRecord => NewRows.AddAsync(db, [.. rows.Cast<CertificateRecord>()], CancellationToken.None),
        NoticeOutboxMessage => NewRows.AddAsync(db, [.. rows.Cast<NoticeOutboxMessage>()], CancellationToken.None),
        _ => NewRows.AddAsync(db, [.. rows.Cast<ReminderOutboxMessage>()], CancellationToken.None),
    };

    /// <summary>Stores the table's sample rows with <paramref name="add"/> and reads them back as SQLite holds them.</summary>
    private static async Task<List<string>> StoreAsync(string path, string table, Func<BatchCycleDb, IReadOnlyList<object>, Task> add)
    {
        var database = BatchCycleDatabase.Sqlite(path);
        database.Migrate();
        await using (var db = database.Open())
        {
            await add(db, [.. Enumerable.Range(1, 3).Select(i => Sample(table, i))]);
        }

        await using var connection = new SqliteConnection(SqliteFiles.ConnectionString(path));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(c => $"{reader.GetName(c)}={Cell(reader.GetValue(c))}")));
        }

        return rows;
    }

    private static string Cell(object value) => value is DBNull ? "NULL" : $"{value.GetType().Name}:{value}";

    private static object Sample(string table, int i) => table switch
    {
        "Certificates" => new CertificateRecord
        {
            Serial = $"2025-E-000{i}", Year = 2025, LabelType = "E", Sequence = i, ApplicationId = $"CPP2025-E-0000{i}", HolderName = "大成实业（香港）有限公司",
            HolderNameEn = i == 1 ? null : "Tai Shing", FactoryId = "F1", FactoryName = "惠州美华电镀有限公司", AwardedOn = new DateOnly(2025, 12, 16),
            ExpiresOn = new DateOnly(2027, 12, 15), Route = "Direct", VerificationCode = $"code{i}", EvidenceJson = "[\"P-1\"]", ContactEmail = "a@b.hk",
            Revoked = i == 2, RevokedOn = i == 2 ? new DateOnly(2026, 1, 2) : null, IssuedAt = At, RunId = 7,
        },
        "NoticeOutbox" => new NoticeOutboxMessage
        {
            Year = 2025, ApplicationId = $"CPP2025-E-0000{i}", Version = 1, LabelType = "E", Decision = "Approve", HolderName = "金源", Recipient = i == 1 ? null : "a@b.hk",
            Subject = "结果", TextBody = "正文\n", HtmlBody = "<p>正文</p>", MessageId = $"<notice.{i}@b.hk>", State = i == 1 ? ReminderState.NoEmail : ReminderState.Drafted,
            LastError = i == 1 ? "Recipient.Missing" : null, NextAttemptAt = i == 1 ? null : At, CreatedAt = At,
        },
        _ => new ReminderOutboxMessage
        {
            Round = "R1", Year = 2025, LabelSerial = $"2023-E-000{i}", LabelType = "E", HolderName = "金源", ExpiresOn = new DateOnly(2025, 12, 18), Recipient = "a@b.hk",
            Subject = "续期", TextBody = "正文\n", HtmlBody = "<p>正文</p>", MessageId = $"<reminder.{i}@b.hk>", State = ReminderState.Drafted, NextAttemptAt = At, CreatedAt = At,
        },
    };
}
