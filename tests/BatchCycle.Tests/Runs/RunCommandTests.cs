using System.Text.Json;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Runs;

public sealed class RunCommandTests
{
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
    public async Task A_second_run_while_the_database_is_held_exits_with_a_clear_message()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        var db = temp.Combine("run.db");
        using (var held = await BatchCycle.Runs.RunLock.TryAcquireAsync(db, TimeSpan.Zero, CancellationToken.None))
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
}
