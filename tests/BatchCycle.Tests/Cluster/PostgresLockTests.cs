using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Reminders;
using BatchCycle.Runs;
using BatchCycle.Storage;
using BatchCycle.Tests.Reminders;
using BatchCycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static BatchCycle.Tests.Certificates.CertificateCycle;

namespace BatchCycle.Tests.Cluster;

/// <summary>
/// What keeps two dashboard nodes on one PostgreSQL database correct: one run at a time for the cluster, serials
/// unique and gap-free when both issue at once (or one dies mid-transaction), each message sent at most once.
/// Each "node" here has connections of its own, as a second machine would.
/// </summary>
public sealed class PostgresLockTests
{
    [PostgresFact]
    public async Task The_run_lock_holds_for_every_connection_and_is_released_when_its_holder_goes()
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        server.Database.Migrate();

        using (var held = await RunLock.TryAcquireAsync(server.Database, TimeSpan.Zero, CancellationToken.None))
        {
            Assert.NotNull(held);
            Assert.Null(await RunLock.TryAcquireAsync(server.Database, TimeSpan.FromMilliseconds(500), CancellationToken.None));
        }

        using var again = await RunLock.TryAcquireAsync(server.Database, TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(again);
    }

    [PostgresFact]
    public async Task Two_nodes_issuing_at_once_never_share_a_serial_and_leave_no_gap()
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        server.Database.Migrate();
        var format = SerialFormat.Parse(new BatchCycleSettings().SerialFormat);
        using var start = new ManualResetEventSlim();

        Task<List<string>> Node(string prefix) => Task.Run(async () =>
        {
            start.Wait();
            var serials = new List<string>();
            for (var i = 0; i < 25; i++)
            {
                var application = Application($"{prefix}-{i:00}", LabelType.M, $"{prefix} 公司 {i}");
                var issued = await CertificateIssuer.IssueAsync(server.Database, 1, Year, format, AwardedOn, [new CertificateRequest(application, null, [])], CancellationToken.None);
                serials.Add(Assert.Single(issued).Serial);
            }

            return serials;
        });

        var first = Node("HK");
        var second = Node("GZ");
        start.Set();
        var serials = (await Task.WhenAll(first, second)).SelectMany(s => s).ToList();

        Assert.Equal(50, serials.Distinct(StringComparer.Ordinal).Count());
        var stored = await CertificatesAsync(server.Database);
        Assert.Equal(Enumerable.Range(1, 50), stored.Select(c => c.Sequence).Order());
        Assert.Equal(serials.Order(StringComparer.Ordinal), stored.Select(c => c.Serial).Order(StringComparer.Ordinal));
    }

    [PostgresFact]
    public async Task A_node_that_dies_mid_transaction_leaves_neither_a_serial_nor_a_lock_behind()
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        server.Database.Migrate();
        var format = SerialFormat.Parse(new BatchCycleSettings().SerialFormat);

        // The dying node: takes the serial lock, writes 2025-M-0001, and is cut off before it commits.
        // Unpooled: its session ends with it, as a killed process's would.
        await using var dying = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.Database.Location) { Pooling = false }.ConnectionString);
        await dying.OpenAsync();
        await Execute(dying, "BEGIN");
        await Execute(dying, AdvisoryLock.TransactionLockSql(AdvisoryLock.Serials));
        await Execute(dying, """
            INSERT INTO "Certificates" ("Serial", "Year", "LabelType", "Sequence", "ApplicationId", "HolderName", "AwardedOn", "ExpiresOn",
                "VerificationCode", "EvidenceJson", "Revoked", "IssuedAt", "RunId")
            VALUES ('2025-M-0001', 2025, 'M', 1, 'DEAD-01', '中断公司', DATE '2025-12-16', DATE '2027-12-15', 'dead-code', '[]', FALSE, now(), 1)
            """);
        var pid = await new NpgsqlCommand("SELECT pg_backend_pid()", dying).ExecuteScalarAsync();

        var waiting = CertificateIssuer.IssueAsync(server.Database, 2, Year, format, AwardedOn,
            [new CertificateRequest(Application("LIVE-01", LabelType.M, "存活公司"), null, [])], CancellationToken.None);
        await Task.Delay(500);
        Assert.False(waiting.IsCompleted, "The second node must wait for the serial lock.");

        await using (var admin = new NpgsqlConnection(server.Database.Location))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
            kill.Parameters.AddWithValue("pid", pid!);
            await kill.ExecuteScalarAsync();
        }

        var issued = Assert.Single(await waiting);
        Assert.Equal(("2025-M-0001", "LIVE-01"), (issued.Serial, issued.ApplicationId));
        Assert.Equal(["LIVE-01"], (await CertificatesAsync(server.Database)).Select(c => c.ApplicationId));
    }

    [PostgresFact]
    public async Task Both_nodes_pressing_Send_at_once_deliver_each_reminder_exactly_once()
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        using var scenario = new ReminderScenario(server.Database);
        using var smtp = SmtpTestServer.Start();
        var serials = Enumerable.Range(1, 12).Select(i => $"2023-M-{i:0000}").ToList();
        await scenario.DraftAsync(ReminderScenario.Data(serials.Select(s => ReminderScenario.Label(s, LabelType.M, new DateOnly(2023, 12, 19)))));

        var results = await Task.WhenAll(SendCommand.RunAsync(scenario, smtp.Port), SendCommand.RunAsync(scenario, smtp.Port));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.StdErr));
        Assert.Equal(serials.Select(s => $"<reminder.first.{s}@example.org.hk>"), smtp.Messages().Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.All(await scenario.OutboxAsync(), r => Assert.Equal((ReminderState.Sent, 1), (r.State, r.Attempts)));
    }

    [PostgresFact]
    public async Task Both_nodes_pressing_Send_at_once_deliver_each_results_notice_exactly_once()
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        using var temp = new TempFolder();
        var run = await ProgramRunner.RunAsync(Repo.Root, "run", "--input", Repo.Samples(2025), "--out", temp.Combine("out"), "--db", server.Database.Location, "--as-of", "2025-12-01");
        Assert.True(run.ExitCode == 0, run.StdErr);
        using var smtp = SmtpTestServer.Start();

        var sends = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            ProgramRunner.RunAsync(temp.Path, SendCommand.Environment(smtp.Port), "notices", "send", "--db", server.Database.Location)));

        Assert.All(sends, s => Assert.DoesNotContain("Exception", s.StdErr, StringComparison.Ordinal));
        await using var db = server.Database.Open();
        var emailed = await db.Set<BatchCycle.Notices.NoticeOutboxMessage>().AsNoTracking().Where(m => m.Recipient != null).ToListAsync();
        Assert.NotEmpty(emailed);
        Assert.All(emailed, m => Assert.Equal((ReminderState.Sent, 1), (m.State, m.Attempts)));
        Assert.Equal(emailed.Select(m => m.MessageId).Order(StringComparer.Ordinal), smtp.ReceivedPerMessageId.Keys.Order(StringComparer.Ordinal));
        Assert.All(smtp.ReceivedPerMessageId.Values, count => Assert.Equal(1, count));
    }

    [PostgresFact]
    public async Task A_sender_lease_is_seen_from_another_node_while_its_sender_lives()
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        string claim;
        using (var lease = await ReminderSendLease.TakeAsync(server.Database, CancellationToken.None))
        {
            claim = lease.ClaimId;
            Assert.True(await ReminderSendLease.IsAliveAsync(server.Database, claim, CancellationToken.None));
        }

        Assert.False(await ReminderSendLease.IsAliveAsync(server.Database, claim, CancellationToken.None));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<CertificateRecord>> CertificatesAsync(BatchCycleDatabase database)
    {
        await using var db = database.Open();
        return await db.Certificates.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
    }
}
