using System.Globalization;
using BatchCycle.Reminders;
using BatchCycle.Storage;
using BatchCycle.Tests.Dashboard;
using BatchCycle.Tests.Reliability;
using BatchCycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Tests.Cluster;

/// <summary>
/// Two real <c>serve</c> processes on two loopback ports, one PostgreSQL database and one shared data folder, as
/// the Hong Kong and Guangzhou nodes would run: runs asked for on both at once run one after the other, and a run
/// whose node is killed mid-stage is taken up by the other node's job server and ends as an uninterrupted run.
/// </summary>
public sealed class TwoNodeTests
{
    private const string Password = "two node test password";

    /// <summary>The first schedule of appsettings.json; its input is inbox/2025 under the data folder.</summary>
    private const string Schedule = "nightly-import-and-screen";

    /// <summary>A job of a killed node is handed to the other after a minute (the shortest the setting allows).</summary>
    private static readonly Dictionary<string, string> Environment = new(ServeProcess.QuickJobs)
    {
        ["BATCHCYCLE_BatchCycle__Dashboard__Jobs__AbandonedAfterMinutes"] = "1",
    };

    [PostgresFact]
    public async Task A_run_asked_for_on_each_node_at_once_gives_two_runs_one_after_the_other()
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        using var temp = await PrepareAsync(server.Database, inbox => File.WriteAllText(Path.Combine(inbox, "applications.csv"), "ApplicationId,LabelType,ApplicantName\nA-001,M,示例公司\n"));
        await using var hongKong = await StartAsync(temp, server.Database);
        await using var guangzhou = await StartAsync(temp, server.Database);
        using var hongKongClient = await hongKong.SignedInClientAsync("alice", Password);
        using var guangzhouClient = await guangzhou.SignedInClientAsync("alice", Password);

        var ids = await Task.WhenAll(TriggerAsync(hongKongClient), TriggerAsync(guangzhouClient));

        var runs = new List<BatchCycle.Storage.RunRecord>();
        foreach (var id in ids)
        {
            runs.Add(await WaitForRunAsync(server.Database, id));
        }

        Assert.All(runs, r => Assert.Equal(BatchCycle.Storage.RunState.Completed, r.State));
        Assert.Equal(2, runs.Select(r => r.Id).Distinct().Count());
        var (first, second) = runs[0].Stages.Min(s => s.StartedAt) < runs[1].Stages.Min(s => s.StartedAt) ? (runs[0], runs[1]) : (runs[1], runs[0]);
        Assert.True(first.Stages.Max(s => s.FinishedAt) <= second.Stages.Min(s => s.StartedAt), "The two runs overlapped.");
    }

    [PostgresFact]
    public async Task Killing_the_node_running_a_cycle_mid_stage_lets_the_other_node_resume_it_as_an_uninterrupted_run()
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        using var temp = await PrepareAsync(server.Database, inbox =>
        {
            LargeInput.WriteApplications(Path.Combine(inbox, "applications.csv"), 6_000);
            LargeInput.WriteApprovals(Path.Combine(inbox, "decisions.csv"), 12);
            LargeInput.WriteExpiringLabels(Path.Combine(inbox, "register.csv"), 1_500);
        });
        var nodes = new[] { await StartAsync(temp, server.Database), await StartAsync(temp, server.Database) };
        try
        {
            using var client = await nodes[0].SignedInClientAsync("alice", Password);
            var runId = await TriggerAsync(client);
            var started = nodes.Select(n => n.WaitForLineAsync(": certificates started")).ToList();
            var running = started.IndexOf(await Task.WhenAny(started));
            await nodes[running].KillAsync();
            var importFinished = await StageFinishedAsync(server.Database, runId, "import");

            var run = await WaitForRunAsync(server.Database, runId);

            Assert.Equal(BatchCycle.Storage.RunState.Completed, run.State);
            await using (var db = server.Database.Open())
            {
                Assert.Equal(1, await db.Runs.CountAsync());
            }

            Assert.Equal(importFinished, await StageFinishedAsync(server.Database, runId, "import"));
            var asOf = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Hong_Kong")));
            var fresh = BatchCycleDatabase.Sqlite(temp.Combine("fresh.db"));
            var baseline = await ProgramRunner.RunAsync(temp.Path, "run", "--input", Path.Combine("data", "inbox", "2025"), "--out", "out-fresh", "--db", fresh.Location,
                "--year", "2025", "--as-of", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.True(baseline.ExitCode == 0, baseline.StdErr);
            Assert.Equal(await OutcomesAsync(fresh), await OutcomesAsync(server.Database));
            Assert.NotEmpty(await CertificatesAsync(server.Database));
            Assert.Equal(await CertificatesAsync(fresh), await CertificatesAsync(server.Database));
            Assert.NotEmpty(await OutboxAsync(server.Database));
            Assert.Equal(await OutboxAsync(fresh), await OutboxAsync(server.Database));
            Assert.Equal(Files(Path.Combine(temp.Path, "out-fresh", "certificates")), Files(Path.Combine(run.OutFolder, "certificates")));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static async Task<TempFolder> PrepareAsync(BatchCycleDatabase database, Action<string> writeInbox)
    {
        var temp = new TempFolder();
        var added = await UsersCommandTests.RunWithInputAsync(temp.Path, Password + "\n", "users", "add", "alice", "--password-stdin", "--db", database.Location);
        Assert.True(added.ExitCode == 0, added.StdErr);
        var inbox = temp.Combine("data", "inbox", "2025");
        Directory.CreateDirectory(inbox);
        writeInbox(inbox);
        return temp;
    }

    /// <summary>A node: its own port, the one database, the shared data folder (inbox, run outputs, sign-in keys).</summary>
    private static Task<ServeProcess> StartAsync(TempFolder temp, BatchCycleDatabase database) =>
        ServeProcess.StartAsync(temp.Path, Environment, "--db", database.Location, "--data", "data");

    private static async Task<long> TriggerAsync(HttpClient client) => DashboardTestHost.RunIdOf(await DashboardTestHost.TriggerAsync(client, Schedule));

    private static async Task<BatchCycle.Storage.RunRecord> WaitForRunAsync(BatchCycleDatabase database, long runId)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            await using var db = database.Open();
            var run = await db.Runs.AsNoTracking().Include(r => r.Stages).SingleAsync(r => r.Id == runId);
            if (run.State is not (BatchCycle.Storage.RunState.Running or BatchCycle.Storage.RunState.Queued or BatchCycle.Storage.RunState.Interrupted))
            {
                return run;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Run {runId} did not finish.");
    }

    private static async Task<DateTime?> StageFinishedAsync(BatchCycleDatabase database, long runId, string stage)
    {
        await using var db = database.Open();
        return await db.RunStages.Where(s => s.RunId == runId && s.Stage == stage).Select(s => s.FinishedAt).SingleAsync();
    }

    private static async Task<List<string>> OutcomesAsync(BatchCycleDatabase database)
    {
        await using var db = database.Open();
        return await db.ScreeningOutcomes.OrderBy(o => o.ApplicationId).Select(o => o.ApplicationId + " " + o.Outcome + " " + o.NotMet).ToListAsync();
    }

    private static async Task<List<string>> CertificatesAsync(BatchCycleDatabase database)
    {
        await using var db = database.Open();
        return await db.Certificates.OrderBy(c => c.Serial).Select(c => c.Serial + " " + c.ApplicationId + " " + c.HolderName).ToListAsync();
    }

    private static async Task<List<string>> OutboxAsync(BatchCycleDatabase database)
    {
        await using var db = database.Open();
        var reminders = await db.Set<ReminderOutboxMessage>().OrderBy(m => m.Round).ThenBy(m => m.LabelSerial)
            .Select(m => m.Round + " " + m.LabelSerial + " " + m.State + " " + m.Subject).ToListAsync();
        var notices = await db.Set<BatchCycle.Notices.NoticeOutboxMessage>().OrderBy(m => m.ApplicationId).ThenBy(m => m.Version)
            .Select(m => m.ApplicationId + " " + m.Version + " " + m.Decision + " " + m.State + " " + m.Subject).ToListAsync();
        return [.. reminders, .. notices];
    }

    private static List<string> Files(string folder) =>
        [.. Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
}
