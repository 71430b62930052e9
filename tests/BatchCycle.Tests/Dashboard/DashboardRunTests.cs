using System.Net;
using System.Text.Json;
using BatchCycle.Storage;

namespace BatchCycle.Tests.Dashboard;

public sealed class DashboardRunTests
{
    private static Task<HttpResponseMessage> TriggerAsync(HttpClient client, string schedule = "nightly") => DashboardTestHost.TriggerAsync(client, schedule);

    [Fact]
    public async Task Trigger_now_runs_the_schedule_and_the_runs_page_shows_who_started_it()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();

        var runId = DashboardTestHost.RunIdOf(await TriggerAsync(client));

        var run = await host.WaitForFinishAsync(runId);
        Assert.Equal(RunState.Completed, run.State);
        Assert.Equal("alice (schedule:nightly)", run.StartedBy);
        Assert.NotNull(run.JobId);
        Assert.Contains($"/hangfire/jobs/details/{run.JobId}", await client.GetStringAsync($"/runs/{runId}"));
        var runs = await client.GetStringAsync("/runs");
        Assert.Contains("alice (schedule:nightly)", runs);
        Assert.Contains($"/runs/{runId}", runs);
        var schedules = await client.GetStringAsync("/schedules");
        Assert.Contains($"#{runId}", schedules);
        Assert.Contains("/runs?schedule=nightly", schedules);
        Assert.Contains($"/runs/{runId}\"", await client.GetStringAsync("/runs?schedule=nightly"));
        Assert.DoesNotContain($"/runs/{runId}\"", await client.GetStringAsync("/runs?schedule=weekly"));
    }

    [Fact]
    public async Task The_schedules_page_shows_the_cron_in_words_and_the_next_run_in_hong_kong_time()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();

        var html = await client.GetStringAsync("/schedules");

        Assert.Contains("Every day at 02:00 · 每天 02:00", html);
        Assert.Contains("0 0 2 * * ? · Asia/Hong_Kong", html);
        var hongKong = TimeZoneInfo.FindSystemTimeZoneById("Asia/Hong_Kong");
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, hongKong);
        var next = now.Date.AddHours(2) > now ? now.Date.AddHours(2) : now.Date.AddDays(1).AddHours(2);
        Assert.Contains(next.ToString("yyyy-MM-dd 02:00:00", System.Globalization.CultureInfo.InvariantCulture), html);
    }

    [Fact]
    public async Task A_paused_schedule_has_no_next_run_until_resumed_and_its_pause_is_kept_in_the_database()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();
        var token = await DashboardTestHost.TokenAsync(client, "/schedules");

        var paused = await client.PostAsync("/schedules?handler=Pause", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "nightly", ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        var html = await client.GetStringAsync("/schedules");
        Assert.Contains("已暂停 Paused", html);
        Assert.Contains("恢复 Resume", html);
        Assert.Equal(["nightly"], PausedSchedules(host));
        Assert.DoesNotContain("nightly", RecurringJobIds(host));

        token = await DashboardTestHost.TokenAsync(client, "/schedules");
        await client.PostAsync("/schedules?handler=Resume", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "nightly", ["__RequestVerificationToken"] = token }));
        html = await client.GetStringAsync("/schedules");
        Assert.Contains("启用 Active", html);
        Assert.Empty(PausedSchedules(host));
        Assert.Contains("nightly", RecurringJobIds(host));
    }

    [Fact]
    public async Task Pauses_kept_before_a_restart_apply_at_start_up()
    {
        await using var host = await DashboardTestHost.StartAsync(beforeStart: async db =>
        {
            await using var context = BatchCycleDatabase.Sqlite(db).Open();
            context.Set<BatchCycle.Runs.SchedulePauseRecord>().Add(new() { Name = "nightly", PausedBy = "alice", PausedAt = DateTime.UtcNow });
            await context.SaveChangesAsync();
        });
        using var client = await host.SignedInClientAsync();

        var html = await client.GetStringAsync("/schedules");

        Assert.Contains("已暂停 Paused", html);
        Assert.DoesNotContain("启用 Active", html);
        Assert.DoesNotContain("nightly", RecurringJobIds(host));
    }

    private static List<string> PausedSchedules(DashboardTestHost host)
    {
        using var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open();
        return [.. db.Set<BatchCycle.Runs.SchedulePauseRecord>().Select(p => p.Name)];
    }

    private static IReadOnlyList<string> RecurringJobIds(DashboardTestHost host) => host.RecurringJobIds();

    [Fact]
    public async Task A_second_run_while_one_is_active_is_queued_and_runs_after_it_never_alongside()
    {
        var stage = new HeldStage();
        await using var host = await DashboardTestHost.StartAsync(stages: () => [stage]);
        using var client = await host.SignedInClientAsync();

        var first = DashboardTestHost.RunIdOf(await TriggerAsync(client));
        await stage.Entered;
        var status = JsonDocument.Parse(await client.GetStringAsync($"/runs/{first}/status")).RootElement;
        Assert.Equal("Running", status.GetProperty("state").GetString());
        Assert.Equal("held", status.GetProperty("currentStage").GetString());
        Assert.Equal(0.5, status.GetProperty("stages")[0].GetProperty("progress").GetDouble());

        var second = DashboardTestHost.RunIdOf(await TriggerAsync(client));
        Assert.Contains("is queued", await client.GetStringAsync($"/runs/{second}"));
        var runs = await client.GetStringAsync("/runs");
        Assert.Contains("Queued — waiting for the active run to finish", runs);
        Assert.Contains($"<a href=\"/runs/{second}\">{second}</a>", runs);

        stage.Release();
        var done = await host.WaitForRunAsync(first, r => r.State == RunState.Completed);
        var next = await host.WaitForFinishAsync(second);

        Assert.Equal(RunState.Completed, next.State);
        Assert.True(next.StartedAt >= done.FinishedAt, "The queued run started before the first one finished.");
        Assert.Equal(1, stage.MostActiveAtOnce);
        Assert.DoesNotContain("Queued — waiting", await client.GetStringAsync("/runs"));
    }

    [Fact]
    public async Task A_run_page_follows_progress_through_its_json_status()
    {
        var stage = new HeldStage();
        await using var host = await DashboardTestHost.StartAsync(stages: () => [stage]);
        using var client = await host.SignedInClientAsync();
        var runId = DashboardTestHost.RunIdOf(await TriggerAsync(client));
        await stage.Entered;

        var page = await client.GetStringAsync($"/runs/{runId}");
        Assert.Contains($"data-run-status=\"/runs/{runId}/status\"", page);
        Assert.Contains("data-run-active=\"true\"", page);
        Assert.Contains("/assets/run-progress.js", page);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/assets/run-progress.js")).StatusCode);
        Assert.Contains($"data-run-row=\"/runs/{runId}/status\"", await client.GetStringAsync("/runs"));

        stage.Release();
        await host.WaitForRunAsync(runId, r => r.State == RunState.Completed);
        var status = JsonDocument.Parse(await client.GetStringAsync($"/runs/{runId}/status")).RootElement;
        Assert.Equal("Completed", status.GetProperty("state").GetString());
        Assert.Equal(1, status.GetProperty("fraction").GetDouble());
        Assert.False(status.GetProperty("active").GetBoolean());
        var runs = await client.GetStringAsync("/runs");
        Assert.Contains("申请 Applications <strong>3</strong>", runs);
        Assert.DoesNotContain("data-run-row=\"/runs/", runs);
    }

    [Fact]
    public async Task A_run_cut_off_by_a_crash_is_interrupted_at_start_up_and_resumes_as_the_same_run()
    {
        long crashed = 0;
        var outFolder = Path.Combine(Path.GetTempPath(), "batchcycle-tests", "resume-" + Guid.NewGuid().ToString("N"));
        await using var host = await DashboardTestHost.StartAsync(beforeStart: async db =>
        {
            await using var context = BatchCycleDatabase.Sqlite(db).Open();
            var input = Path.Combine(Path.GetDirectoryName(db)!, "inbox-for-schedule");
            var run = new RunRecord
            {
                Year = 2025,
                State = RunState.Running,
                StartedAt = DateTime.UtcNow.AddHours(-1),
                StartedBy = "schedule:nightly",
                InputFolder = input,
                OutFolder = outFolder,
                AsOf = new DateOnly(2025, 8, 1),
                CurrentStage = "screen",
                Stages = [new RunStageRecord { Stage = "screen", State = StageState.Running, StartedAt = DateTime.UtcNow.AddHours(-1) }],
            };
            context.Runs.Add(run);
            await context.SaveChangesAsync();
            crashed = run.Id;
        });
        using var client = await host.SignedInClientAsync();

        var page = await client.GetStringAsync($"/runs/{crashed}");
        Assert.Contains("已中断 Interrupted", page);
        Assert.Contains("stopped during screen", page);
        Assert.Contains("Resume", page);
        Assert.Contains("Interrupted", await client.GetStringAsync("/runs?state=Interrupted"));

        var token = await DashboardTestHost.TokenAsync(client, $"/runs/{crashed}");
        var resumed = DashboardTestHost.RunIdOf(await client.PostAsync($"/runs/{crashed}?handler=Resume", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })));

        Assert.Equal(crashed, resumed);
        var run = await host.WaitForFinishAsync(resumed);
        Assert.Equal(RunState.Completed, run.State);
        Assert.Equal(outFolder, run.OutFolder);
        Assert.Equal(new DateOnly(2025, 8, 1), run.AsOf);
        Assert.Equal("schedule:nightly", run.StartedBy);
        await using (var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open())
        {
            Assert.Single(db.Runs);
        }

        Directory.Delete(outFolder, recursive: true);
    }

    [Fact]
    public async Task A_completed_run_cannot_be_resumed()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();
        var runId = DashboardTestHost.RunIdOf(await TriggerAsync(client));
        await host.WaitForRunAsync(runId, r => r.State == RunState.Completed);
        var page = await client.GetStringAsync($"/runs/{runId}");
        Assert.DoesNotContain("handler=Resume", page);

        var token = await DashboardTestHost.TokenAsync(client, $"/runs/{runId}");
        var response = await client.PostAsync($"/runs/{runId}?handler=Resume", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("only failed or interrupted runs are resumed", await client.GetStringAsync(response.Headers.Location!.OriginalString));
        await using var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open();
        Assert.Single(db.Runs);
    }

    [Fact]
    public async Task A_run_asked_for_while_a_command_line_run_holds_the_database_waits_and_runs_after_it()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();
        var held = await BatchCycle.Runs.RunLock.TryAcquireAsync(BatchCycleDatabase.Sqlite(host.DatabasePath), TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(held);

        var runId = DashboardTestHost.RunIdOf(await TriggerAsync(client));

        var jobId = (await host.WaitForRunAsync(runId, r => r.JobId is not null)).JobId!;
        await host.WaitForJobStateAsync(jobId, "Scheduled");
        await using (var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open())
        {
            Assert.Equal(RunState.Queued, db.Runs.Single(r => r.Id == runId).State);
        }

        Assert.Contains("Queued — waiting", await client.GetStringAsync("/runs"));
        held.Dispose();
        var run = await host.WaitForFinishAsync(runId);
        Assert.Equal(RunState.Completed, run.State);
        Assert.Equal("0", host.JobParameter(jobId, "RetryCount") ?? "0");
    }

    [Fact]
    public async Task The_run_detail_shows_outcomes_by_label_type_and_import_issues()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();
        var runId = DashboardTestHost.RunIdOf(await TriggerAsync(client));
        await host.WaitForRunAsync(runId, r => r.State == RunState.Completed);
        await using (var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open())
        {
            db.ScreeningOutcomes.AddRange(
                new ScreeningOutcomeRecord { RunId = runId, ApplicationId = "A1", LabelType = "M", Kind = "New", Outcome = "Eligible" },
                new ScreeningOutcomeRecord { RunId = runId, ApplicationId = "A2", LabelType = "M", Kind = "New", Outcome = "Ineligible" },
                new ScreeningOutcomeRecord { RunId = runId, ApplicationId = "A3", LabelType = "T", Kind = "New", Outcome = "NeedsReview" });
            db.ImportIssues.Add(new ImportIssueRecord { RunId = runId, File = "applications.xlsx", Sheet = "Applications", Row = 7, Column = "E", Problem = "Not a date: 2025-13-40" });
            await db.SaveChangesAsync();
        }

        var html = await client.GetStringAsync($"/runs/{runId}");

        Assert.Contains("粤港清洁生产伙伴（制造业）", html);
        Assert.Contains("Technical Service Partner", html);
        Assert.Contains("Not a date: 2025-13-40", html);
        Assert.Contains("applications.xlsx", html);
    }
}
