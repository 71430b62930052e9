using BatchCycle.Storage;
using System.Globalization;
using System.Net;
using BatchCycle.Runs;
using BatchCycle.Tests.Reliability;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Dashboard;

/// <summary>
/// The job queue through the real <c>serve</c> process, stopped the hard way (SIGKILL) and started again on the
/// same database and data folder: queued runs and cut-off runs are carried out after the restart, as the same run.
/// </summary>
public sealed class JobServeTests
{
    private const string Password = "serve test password";

    /// <summary>The first schedule of appsettings.json; its input is inbox/2025 under the data folder.</summary>
    private const string Schedule = "nightly-import-and-screen";

    private static async Task<TempFolder> PrepareAsync(Action<string> writeInbox)
    {
        var temp = new TempFolder();
        var added = await UsersCommandTests.RunWithInputAsync(temp.Path, Password + "\n", "users", "add", "alice", "--password-stdin", "--db", "dashboard.db");
        Assert.Equal(0, added.ExitCode);
        var inbox = temp.Combine("data", "inbox", "2025");
        Directory.CreateDirectory(inbox);
        writeInbox(inbox);
        return temp;
    }

    private static Task<ServeProcess> StartAsync(TempFolder temp) =>
        ServeProcess.StartAsync(temp.Path, ServeProcess.QuickJobs, "--db", "dashboard.db", "--data", "data");

    private static async Task<long> TriggerAsync(HttpClient client) => DashboardTestHost.RunIdOf(await DashboardTestHost.TriggerAsync(client, Schedule));

    private static async Task<(string State, string? JobId)> WaitForRunAsync(string db, long runId, Func<string, string?, bool> condition)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            var run = RunProbe.Query(db, "SELECT State, JobId FROM Runs WHERE Id = $id", r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)), ("$id", runId)).Single();
            if (condition(run.Item1, run.Item2))
            {
                return run;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Run {runId} did not reach the expected state.");
    }

    [Fact]
    public async Task A_schedule_of_the_settings_fires_on_its_cron_in_serve_and_produces_a_completed_run()
    {
        using var temp = await PrepareAsync(inbox => File.WriteAllText(Path.Combine(inbox, "applications.csv"), "ApplicationId,LabelType,ApplicantName\nA-001,M,示例公司\n"));
        var environment = new Dictionary<string, string>(ServeProcess.QuickJobs)
        {
            ["BATCHCYCLE_BatchCycle__Schedules__0__Cron"] = "*/2 * * * * *",
        };
        var db = temp.Combine("dashboard.db");

        await using var serve = await ServeProcess.StartAsync(temp.Path, environment, "--db", "dashboard.db", "--data", "data");

        List<(long Id, string State, string? Stage)> completed = [];
        for (var attempt = 0; attempt < 240 && completed.Count == 0; attempt++)
        {
            await Task.Delay(250);
            completed = [.. RunProbe.Runs(db).Where(r => r.State == "Completed")];
        }

        var run = Assert.Single(completed.Take(1));
        Assert.Equal($"schedule:{Schedule}", RunProbe.Query(db, "SELECT StartedBy FROM Runs WHERE Id = $id", r => r.GetString(0), ("$id", run.Id)).Single());
        Assert.Equal(Path.GetFullPath(temp.Combine("data", "inbox", "2025")), RunProbe.Query(db, "SELECT InputFolder FROM Runs WHERE Id = $id", r => r.GetString(0), ("$id", run.Id)).Single());
    }

    [Fact]
    public async Task A_run_queued_before_a_restart_of_serve_runs_after_it_and_the_job_dashboard_keeps_its_history()
    {
        using var temp = await PrepareAsync(inbox => File.WriteAllText(Path.Combine(inbox, "applications.csv"), "ApplicationId,LabelType,ApplicantName\nA-001,M,示例公司\n"));
        var db = temp.Combine("dashboard.db");
        long runId;
        string jobId;
        // A command-line run holds the database: the run waits for it instead of failing.
        using (var held = await RunLock.TryAcquireAsync(BatchCycleDatabase.Sqlite(db), TimeSpan.Zero, CancellationToken.None))
        {
            Assert.NotNull(held);
            await using var first = await StartAsync(temp);
            using var client = await first.SignedInClientAsync("alice", Password);
            runId = await TriggerAsync(client);
            jobId = (await WaitForRunAsync(db, runId, (_, job) => job is not null)).JobId!;
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal("Queued", (await WaitForRunAsync(db, runId, (_, _) => true)).State);
            await first.KillAsync();
        }

        await using var second = await StartAsync(temp);
        var finished = await WaitForRunAsync(db, runId, (state, _) => state is "Completed" or "Failed");

        Assert.Equal(("Completed", jobId), finished);
        Assert.Single(RunProbe.Runs(db));
        // EF Core and the job storage have both worked in this process, on one native SQLite library.
        Assert.Equal("libe_sqlite3.so", Path.GetFileName(Assert.Single(second.LoadedLibraries("sqlite"))));
        using var signedIn = await second.SignedInClientAsync("alice", Password);
        var page = WebUtility.HtmlDecode(await signedIn.GetStringAsync($"/hangfire/jobs/details/{jobId}"));
        Assert.Contains("Succeeded", page);
        Assert.Contains("Waiting: ", page);
        Assert.Contains($"/runs/{runId}", page);
        // Only the secretariat sees it.
        using var stranger = second.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync($"/hangfire/jobs/details/{jobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.PostAsync("/hangfire/stats", new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task A_run_killed_mid_stage_is_resumed_at_the_next_start_as_the_same_run_with_the_serials_and_outbox_of_an_uninterrupted_run()
    {
        using var temp = await PrepareAsync(inbox =>
        {
            LargeInput.WriteApplications(Path.Combine(inbox, "applications.csv"), 6_000);
            LargeInput.WriteApprovals(Path.Combine(inbox, "decisions.csv"), 12);
            LargeInput.WriteExpiringLabels(Path.Combine(inbox, "register.csv"), 1_500);
        });
        var db = temp.Combine("dashboard.db");
        long runId;
        string importFinished;
        await using (var first = await StartAsync(temp))
        {
            using var client = await first.SignedInClientAsync("alice", Password);
            runId = await TriggerAsync(client);
            await first.WaitForLineAsync(": certificates started");
            await first.KillAsync();
            importFinished = StageFinished(db, runId, "import");
        }

        await using var second = await StartAsync(temp);
        var (state, jobId) = await WaitForRunAsync(db, runId, (s, _) => s is "Completed" or "Failed");

        Assert.Equal("Completed", state);
        Assert.Single(RunProbe.Runs(db));
        // The stages done before the kill were kept, not done again.
        Assert.Equal(importFinished, StageFinished(db, runId, "import"));
        using var client2 = await second.SignedInClientAsync("alice", Password);
        Assert.Contains("resumed at start-up", WebUtility.HtmlDecode(await client2.GetStringAsync($"/hangfire/jobs/details/{jobId}")));

        var asOf = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Hong_Kong")));
        var fresh = temp.Combine("fresh.db");
        var baseline = await ProgramRunner.RunAsync(temp.Path, "run", "--input", Path.Combine("data", "inbox", "2025"), "--out", "out-fresh", "--db", fresh, "--year", "2025", "--as-of", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.True(baseline.ExitCode == 0, baseline.StdErr);
        Assert.Equal(Certificates(fresh), Certificates(db));
        Assert.NotEmpty(Certificates(db));
        Assert.Equal(Outbox(fresh), Outbox(db));
        Assert.NotEmpty(Outbox(db));
    }

    private static string StageFinished(string db, long runId, string stage) =>
        RunProbe.Query(db, "SELECT FinishedAt FROM RunStages WHERE RunId = $id AND Stage = $stage", r => r.GetString(0), ("$id", runId), ("$stage", stage)).Single();

    private static List<string> Certificates(string db) =>
        RunProbe.Query(db, "SELECT Serial || ' ' || ApplicationId FROM Certificates ORDER BY Serial", r => r.GetString(0));

    private static List<string> Outbox(string db) =>
        RunProbe.Query(db, "SELECT Round || ' ' || LabelSerial || ' ' || State || ' ' || Subject FROM ReminderOutbox ORDER BY Round, LabelSerial", r => r.GetString(0));
}
