using BatchCycle.Storage;
using System.Diagnostics;
using System.Text.Json;
using BatchCycle.Tests.Reliability;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Runs;

public sealed class RunCommandTests
{
    /// <summary>Enough rows that a run still works when the next process has started (a dozen seconds on a busy machine).</summary>
    private const int Applications = 20_000;

    [Fact]
    public async Task A_missing_input_folder_is_refused_with_its_name_and_no_stack_trace()
    {
        using var temp = new TempFolder();
        var result = await ProgramRunner.RunAsync(temp.Path, "run", "--input", "nowhere", "--out", "out", "--db", "run.db");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("nowhere", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Fact]
    public async Task A_year_without_cycle_dates_is_refused_with_the_setting_to_add_and_no_stack_trace()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        var result = await ProgramRunner.RunAsync(temp.Path, "run", "--input", "in", "--out", "out", "--db", "run.db", "--year", "2031");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("BatchCycle:Cycles:2031", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Fact]
    public async Task A_second_run_while_the_database_is_held_exits_with_a_clear_message()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        var db = temp.Combine("run.db");
        using (var held = await BatchCycle.Runs.RunLock.TryAcquireAsync(BatchCycleDatabase.Sqlite(db), TimeSpan.Zero, CancellationToken.None))
        {
            Assert.NotNull(held);
            var result = await ProgramRunner.RunAsync(temp.Path, "run", "--input", "in", "--out", "out", "--db", db);
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("try again", result.StdErr);
        }

        var after = await ProgramRunner.RunAsync(temp.Path, "run", "--input", "in", "--out", "out", "--db", db);
        Assert.Equal(0, after.ExitCode);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(temp.Combine("out", "run-summary.json")));
        Assert.Equal("Completed", summary.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Two_runs_started_together_on_a_fresh_database_one_completes_and_a_third_is_told_which_run_is_active()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        LargeInput.WriteApplications(temp.Combine("in", "applications.csv"), Applications);
        var db = temp.Combine("run.db");
        string[] Args(string output) => ["run", "--input", "in", "--out", output, "--db", db, "--as-of", "2025-06-01"];

        // Both start at once on a database that does not exist yet: they race to create it and to take the lock.
        var first = ProgramRunner.RunAsync(temp.Path, Args("out-a"));
        var second = ProgramRunner.RunAsync(temp.Path, Args("out-b"));

        // A third arrives while the winner is working and must be told which run holds the database.
        var watch = Stopwatch.StartNew();
        List<(long Id, string State, string? Stage)> running = [];
        while (running.Count == 0 && watch.Elapsed < TimeSpan.FromMinutes(2) && !(first.IsCompleted && second.IsCompleted))
        {
            await Task.Delay(20);
            running = File.Exists(db) ? TryRuns(db).Where(r => r.State == "Running").ToList() : [];
        }

        var active = Assert.Single(running);
        var third = await ProgramRunner.RunAsync(temp.Path, Args("out-c"));
        var results = await Task.WhenAll(first, second);

        Assert.Equal([0, 3], results.Select(r => r.ExitCode).Order());
        Assert.Contains("try again", results.Single(r => r.ExitCode == 3).StdErr);
        Assert.Equal(3, third.ExitCode);
        Assert.True(third.StdErr.Contains($"Run {active.Id} ", StringComparison.Ordinal), third.StdErr);
        Assert.Contains("still running", third.StdErr);
        Assert.DoesNotContain("   at ", string.Concat(results.Select(r => r.StdErr)) + third.StdErr);

        Assert.Equal("ok", RunProbe.IntegrityCheck(db));
        Assert.Equal([(active.Id, "Completed")], RunProbe.Runs(db).Select(r => (r.Id, r.State)));
        Assert.Equal(Applications, RunProbe.StageCounts(db, active.Id, "import")["applications"]);
        Assert.Equal(Applications, RunProbe.Query(db, "SELECT COUNT(*) FROM ScreeningOutcomes", r => r.GetInt64(0)).Single());
    }

    /// <summary>The runs so far; none while the first run is still creating the database.</summary>
    private static List<(long Id, string State, string? Stage)> TryRuns(string db)
    {
        try
        {
            return RunProbe.Runs(db);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return [];
        }
    }
}
