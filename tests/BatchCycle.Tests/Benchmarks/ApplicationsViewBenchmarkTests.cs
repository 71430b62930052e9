using System.Text.Json;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Benchmarks;

/// <summary>The applications-view benchmark at a tiny scale: not timed, only checked to run every query and report it.</summary>
public sealed class ApplicationsViewBenchmarkTests
{
    [Fact]
    public async Task A_tiny_applications_view_benchmark_times_every_list_query()
    {
        using var temp = new TempFolder();

        var result = await ProgramRunner.RunAsync(temp.Path, ["benchmark", "--applications-view", "200", "--runs", "2", "--work", temp.Combine("work")]);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("| query | matches | median ms | max ms |", result.StdOut);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(temp.Combine("work", "applications-view.json")));
        Assert.Equal(200, json.RootElement.GetProperty("applications").GetInt32());
        var queries = json.RootElement.GetProperty("queries").EnumerateArray().ToDictionary(q => q.GetProperty("name").GetString()!);
        Assert.Equal(
            ["first page", "search by id", "search by Chinese name", "label filter", "outcome filter", "decision filter", "no decision filter", "all filters, page 2", "last page"],
            queries.Keys);
        Assert.All(queries.Values, q => Assert.True(q.GetProperty("medianMilliseconds").GetDouble() > 0 && q.GetProperty("maxMilliseconds").GetDouble() >= q.GetProperty("medianMilliseconds").GetDouble()));
        Assert.Equal(200, queries["first page"].GetProperty("total").GetInt32());
        Assert.Equal(1, queries["search by id"].GetProperty("total").GetInt32());
        Assert.Equal(1, queries["search by Chinese name"].GetProperty("total").GetInt32());
        Assert.Equal(50, queries["label filter"].GetProperty("total").GetInt32());
        Assert.Empty(Directory.GetFiles(temp.Combine("work"), "*.db*"));
    }
}
