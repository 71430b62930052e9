using System.Net;
using System.Text.RegularExpressions;
using BatchCycle.Dashboard;
using BatchCycle.Dashboard.Scheduling;
using BatchCycle.Storage;

namespace BatchCycle.Tests.Dashboard;

/// <summary>Runs carried out by background jobs, in process: schedules fire, runs queue, failures retry and resume.</summary>
public sealed partial class JobSchedulingTests
{
    private static async Task<HttpResponseMessage> TriggerAsync(HttpClient client, string token, string schedule = "nightly") =>
        await client.PostAsync("/schedules?handler=Trigger", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = schedule,
            ["__RequestVerificationToken"] = token,
        }));

    [Fact]
    public async Task A_recurring_job_fires_on_its_cron_and_produces_a_completed_run()
    {
        await using var host = await DashboardTestHost.StartAsync(
            schedules: [new ScheduleSettings { Name = "every-second", Cron = "* * * * * *", TimeZone = "Asia/Hong_Kong", Input = "inbox" }],
            beforeStart: db =>
            {
                Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(db)!, "data", "inbox"));
                return Task.CompletedTask;
            });
        Assert.Contains("every-second", host.RecurringJobIds());

        RunRecord? run = null;
        for (var attempt = 0; attempt < 300 && run is null; attempt++)
        {
            await Task.Delay(100);
            await using var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open();
            run = db.Runs.FirstOrDefault(r => r.StartedBy == "schedule:every-second" && r.State == RunState.Completed);
        }

        Assert.NotNull(run);
        // The schedule's folder is read under the data folder, whatever the working directory.
        Assert.Equal(Path.Combine(host.DataFolder, "inbox"), run.InputFolder);
        Assert.NotNull(run.JobId);
        Assert.Equal(run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), host.JobParameter(run.JobId, CycleRunJob.RunIdParameter));
        using var client = await host.SignedInClientAsync();
        Assert.Contains("已完成 Completed", await client.GetStringAsync("/schedules"));
    }

    [Fact]
    public async Task Two_triggers_at_once_give_two_runs_one_after_the_other()
    {
        var stage = new HeldStage();
        await using var host = await DashboardTestHost.StartAsync(stages: () => [stage]);
        using var client = await host.SignedInClientAsync();
        var tokens = await Task.WhenAll(DashboardTestHost.TokenAsync(client, "/schedules"), DashboardTestHost.TokenAsync(client, "/schedules"));

        var responses = await Task.WhenAll(TriggerAsync(client, tokens[0]), TriggerAsync(client, tokens[1]));

        var ids = responses.Select(DashboardTestHost.RunIdOf).Order().ToArray();
        Assert.Equal(2, ids.Distinct().Count());
        await stage.Entered;
        await using (var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open())
        {
            Assert.Equal([RunState.Running, RunState.Queued], db.Runs.OrderBy(r => r.State == RunState.Queued).Select(r => r.State).ToList());
        }

        stage.Release();
        var runs = await Task.WhenAll(ids.Select(host.WaitForFinishAsync));
        Assert.All(runs, r => Assert.Equal(RunState.Completed, r.State));
        var (first, second) = runs[0].StartedAt <= runs[1].StartedAt ? (runs[0], runs[1]) : (runs[1], runs[0]);
        Assert.True(second.StartedAt >= first.FinishedAt, "The second run started before the first one finished.");
        Assert.Equal(1, stage.MostActiveAtOnce);
    }

    [Fact]
    public async Task A_failed_run_is_retried_automatically_and_resumes_from_its_failed_stage()
    {
        var first = new FlakyStage("first", 0);
        var second = new FlakyStage("second", 1);
        await using var host = await DashboardTestHost.StartAsync(stages: () => [first, second]);
        using var client = await host.SignedInClientAsync();

        var runId = DashboardTestHost.RunIdOf(await TriggerAsync(client, await DashboardTestHost.TokenAsync(client, "/schedules")));

        var run = await host.WaitForRunAsync(runId, r => r.State == RunState.Completed);
        Assert.Equal((1, 2), (first.Attempts, second.Attempts));
        await using (var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open())
        {
            Assert.Single(db.Runs);
        }

        await host.WaitForJobStateAsync(run.JobId!, "Succeeded");
        Assert.Equal("1", host.JobParameter(run.JobId!, "RetryCount"));
        // The job's page shows the run's log: stages started and done, and the warning.
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/hangfire/jobs/details/{run.JobId}"));
        Assert.Contains("first started", page);
        Assert.Contains("second done", page);
        Assert.Contains("second warning: second needed 2 attempt(s)", page);
        Assert.Contains($"/runs/{runId}", page);
        Assert.Contains("second done", await client.GetStringAsync($"/runs/{runId}"));
    }

    [Fact]
    public async Task Retries_are_bounded_and_a_requeue_from_the_job_dashboard_resumes_the_same_run()
    {
        var first = new FlakyStage("first", 0);
        var second = new FlakyStage("second", int.MaxValue);
        await using var host = await DashboardTestHost.StartAsync(
            configure: d => d.Jobs.RetryAttempts = 1,
            stages: () => [first, second]);
        using var client = await host.SignedInClientAsync();
        var runId = DashboardTestHost.RunIdOf(await TriggerAsync(client, await DashboardTestHost.TokenAsync(client, "/schedules")));
        var jobId = (await host.WaitForRunAsync(runId, r => r.JobId is not null)).JobId!;

        await host.WaitForJobStateAsync(jobId, "Failed");
        var failed = await host.WaitForFinishAsync(runId);
        Assert.Equal(RunState.Failed, failed.State);
        // One attempt and exactly the one retry of the settings.
        Assert.True(second.Attempts == 2, $"{second.Attempts} attempt(s); the job: {host.JobHistory(jobId)}");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/hangfire/jobs/details/{jobId}"));
        Assert.Contains("second failed: System.IO.IOException: second attempt 2: no space left on device", page);
        second.Heal();

        var requeue = await PostJobDashboardAsync(client, "/hangfire/jobs/failed/requeue", page, new Dictionary<string, string> { ["jobs[]"] = jobId });

        Assert.Equal(HttpStatusCode.NoContent, requeue.StatusCode);
        var run = await host.WaitForRunAsync(runId, r => r.State == RunState.Completed);
        Assert.Equal((1, 3), (first.Attempts, second.Attempts));
        Assert.Equal(runId, run.Id);
        await using var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open();
        Assert.Single(db.Runs);
    }

    [Fact]
    public async Task A_queued_run_whose_job_is_deleted_in_the_job_dashboard_is_recorded_as_failed()
    {
        var stage = new HeldStage();
        await using var host = await DashboardTestHost.StartAsync(stages: () => [stage]);
        using var client = await host.SignedInClientAsync();
        var first = DashboardTestHost.RunIdOf(await TriggerAsync(client, await DashboardTestHost.TokenAsync(client, "/schedules")));
        await stage.Entered;
        var second = DashboardTestHost.RunIdOf(await TriggerAsync(client, await DashboardTestHost.TokenAsync(client, "/schedules")));
        var jobId = (await host.WaitForRunAsync(second, r => r.JobId is not null)).JobId!;

        var deleted = await PostJobDashboardAsync(client, "/hangfire/jobs/enqueued/delete", await client.GetStringAsync("/hangfire/jobs/enqueued"), new Dictionary<string, string> { ["jobs[]"] = jobId });

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await host.WaitForJobStateAsync(jobId, "Deleted");
        await using (var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open())
        {
            var run = db.Runs.Single(r => r.Id == second);
            Assert.Equal(RunState.Failed, run.State);
            Assert.Contains("deleted in the job dashboard", run.Error);
        }

        stage.Release();
        Assert.Equal(RunState.Completed, (await host.WaitForFinishAsync(first)).State);
    }

    [Fact]
    public async Task The_job_dashboard_and_its_api_refuse_a_stranger_and_open_for_the_secretariat()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var stranger = host.Client();
        foreach (var path in new[] { "/hangfire", "/hangfire/recurring", "/hangfire/jobs/enqueued", "/hangfire/servers" })
        {
            var refused = await stranger.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/signin", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }

        var stats = await stranger.PostAsync("/hangfire/stats", new FormUrlEncodedContent(new Dictionary<string, string> { ["metrics[]"] = "servers:count" }));
        Assert.Contains(stats.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });

        using var client = await host.SignedInClientAsync();
        Assert.Contains("href=\"/hangfire\"", await client.GetStringAsync("/runs"));
        var home = await client.GetStringAsync("/hangfire");
        Assert.Contains("BatchCycle 作业 Jobs", home);
        var recurring = await client.GetStringAsync("/hangfire/recurring");
        Assert.Contains("nightly", recurring);
        // The job dashboard's own anti-forgery check is on: a POST without its token is refused.
        var forged = await client.PostAsync("/hangfire/stats", new FormUrlEncodedContent(new Dictionary<string, string> { ["metrics[]"] = "servers:count" }));
        Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
        var allowed = await PostJobDashboardAsync(client, "/hangfire/stats", home, new Dictionary<string, string> { ["metrics[]"] = "servers:count" });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("servers:count", await allowed.Content.ReadAsStringAsync());
    }

    /// <summary>A POST as the job dashboard's script makes it: its anti-forgery token in the header its page names.</summary>
    private static async Task<HttpResponseMessage> PostJobDashboardAsync(HttpClient client, string path, string page, Dictionary<string, string> form)
    {
        var config = CsrfConfig().Match(page);
        Assert.True(config.Success, "The job dashboard's page names no anti-forgery token.");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(config.Groups["header"].Value, WebUtility.HtmlDecode(config.Groups["token"].Value));
        return await client.SendAsync(request);
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"(?<header>[^\"]+)\">\\s*<meta name=\"csrf-token\" content=\"(?<token>[^\"]+)\">")]
    private static partial Regex CsrfConfig();
}
