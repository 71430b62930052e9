using BatchCycle.Tests.Support;
using Xunit.Abstractions;

namespace BatchCycle.Tests.Reliability;

/// <summary>
/// A run killed outright (SIGKILL: no clean-up code runs) in the middle of each of its stages, then run again:
/// the database stays sound, the killed runs are shown as interrupted, and the run that completes afterwards
/// gives exactly what an uninterrupted run on a fresh database gives. The kill points are the stages the
/// pipeline itself records, so every stage added to the pipeline is interrupted too.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    /// <summary>Enough that each stage takes a few seconds, so a kill lands inside it (reminders reuse the loaded records, so they need the most rows).</summary>
    private const int Applications = 20_000;

    private const int Certificates = 12;

    private const int Reminders = 3_000;

    [Fact]
    public async Task A_run_killed_in_each_stage_leaves_a_sound_database_and_the_next_run_gives_the_uninterrupted_results()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        LargeInput.WriteApplications(temp.Combine("in", "applications.csv"), Applications);
        // Enough work in the later stages too that a kill a sixth of the way in lands inside them.
        LargeInput.WriteApprovals(temp.Combine("in", "decisions.csv"), Certificates);
        LargeInput.WriteExpiringLabels(temp.Combine("in", "register.csv"), Reminders);

        var fresh = temp.Combine("fresh.db");
        var baseline = await ProgramRunner.RunAsync(temp.Path, Run(fresh, "out-fresh"));
        Assert.True(baseline.ExitCode == 0, baseline.StdErr);
        var stages = RunProbe.Query(fresh, "SELECT Stage, StartedAt, FinishedAt FROM RunStages WHERE RunId = 1 ORDER BY Position", r => (Name: r.GetString(0), Seconds: (r.GetDateTime(2) - r.GetDateTime(1)).TotalSeconds));
        output.WriteLine("uninterrupted: " + string.Join(", ", stages.Select(s => $"{s.Name} {s.Seconds:0.00} s")));

        var db = temp.Combine("killed.db");
        foreach (var stage in stages)
        {
            // A sixth of the way into the stage, by the uninterrupted run's timing: that run may have shared the machine
            // with the other tests' start and taken three times as long (an import of 2.98 s, then done in under 1 s),
            // and a kill a third of the way in then landed in the next stage.
            var killed = await KillDuringStageAsync(temp.Path, db, stage.Name, TimeSpan.FromSeconds(stage.Seconds / 6));
            Assert.True(killed, $"the run finished before it could be killed during {stage.Name}");
        }

        var final = await ProgramRunner.RunAsync(temp.Path, Run(db, "out"));
        Assert.True(final.ExitCode == 0, final.StdErr);

        Assert.Equal("ok", RunProbe.IntegrityCheck(db));
        var runs = RunProbe.Runs(db);
        Assert.Equal([.. stages.Select(s => ("Interrupted", (string?)s.Name)), ("Completed", (string?)stages[^1].Name)], runs.Select(r => (r.State, r.Stage)));
        var last = runs[^1].Id;
        foreach (var stage in stages)
        {
            Assert.Equal(StateCounts(RunProbe.StageCounts(fresh, 1, stage.Name)), StateCounts(RunProbe.StageCounts(db, last, stage.Name)));
        }

        Assert.Equal(Applications, RunProbe.StageCounts(db, last, "import")["applications"]);
        await AssertSameOutputAsync(temp, Path.Combine("results", "screening-results.csv"), lines => lines);
        await AssertSameOutputAsync(temp, Path.Combine("certificates", "certificates.csv"), lines => lines.Select(l => l.Split(',')[0]));
        await AssertSameOutputAsync(temp, Path.Combine("reminders", "reminders.csv"), lines => lines);
    }

    /// <summary>
    /// The counts that describe the cycle's state. Idempotent stages also count the work they did in this run
    /// (certificates issued or rendered, reminders drafted); after an interruption part of that work was done by
    /// the killed run, so those counts rightly differ while the state they lead to is the same.
    /// </summary>
    private static Dictionary<string, long> StateCounts(Dictionary<string, long> counts) =>
        counts.Where(c => c.Key is not ("issued" or "rendered" or "drafted" or "unchanged" or "withdrawn"))
            .ToDictionary(c => c.Key, c => c.Value);

    private static string[] Run(string db, string output) =>
        ["run", "--input", "in", "--out", output, "--db", db, "--year", "2025", "--as-of", "2025-06-01"];

    /// <summary>Starts a run, waits until it says the stage started, lets it work a while, and kills the process tree.</summary>
    /// <remarks>
    /// On a thread of its own, reading the run's log as it is written: polling from the thread pool, a stage of under a
    /// second was missed while the other tests kept the pool busy. The pipeline logs a stage as started once it
    /// has recorded it as running, so the kill lands inside the stage as the database knows it.
    /// </remarks>
    private static Task<bool> KillDuringStageAsync(string workingDirectory, string db, string stage, TimeSpan into) =>
        Task.Factory.StartNew(() => KillDuringStage(workingDirectory, db, stage, into), TaskCreationOptions.LongRunning);

    private static bool KillDuringStage(string workingDirectory, string db, string stage, TimeSpan into)
    {
        using var process = ProgramRunner.Start(workingDirectory, null, Run(db, "out"));
        var stdout = process.StandardOutput.ReadToEndAsync();
        var started = $": {stage} started";
        // The log goes to standard error.
        while (process.StandardError.ReadLine() is { } line)
        {
            if (line.EndsWith(started, StringComparison.Ordinal))
            {
                Thread.Sleep(into);
                if (process.HasExited)
                {
                    break;
                }

                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return true;
            }
        }

        process.WaitForExit();
        stdout.Wait();
        return false;
    }

    /// <summary>An output of a later stage, when the pipeline has that stage: the same after the interruptions as on a fresh database.</summary>
    private static async Task AssertSameOutputAsync(TempFolder temp, string relative, Func<IEnumerable<string>, IEnumerable<string>> compared)
    {
        var fresh = temp.Combine("out-fresh", relative);
        var final = temp.Combine("out", relative);
        Assert.Equal(File.Exists(fresh), File.Exists(final));
        if (File.Exists(fresh))
        {
            Assert.Equal(compared(await File.ReadAllLinesAsync(fresh)), compared(await File.ReadAllLinesAsync(final)));
        }
    }
}
