using System.Net;
using BatchCycle.Pipeline;
using BatchCycle.Runs;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Dashboard;

/// <summary>Downloads serve only what a run wrote, as it wrote it, and never through a link.</summary>
public sealed class RunDownloadTests
{
    /// <summary>Writes the given files under the output folder, as a real stage writes its outputs.</summary>
    internal sealed class WritingStage(params (string RelativePath, string Content)[] files) : IPipelineStage
    {
        public string Name => "writing";

        public async Task<StageResult<PipelineState>> RunAsync(RunContext run, PipelineState state, CancellationToken cancellationToken)
        {
            foreach (var (relativePath, content) in files)
            {
                await File.WriteAllTextAsync(run.OutPath([.. relativePath.Split('/')]), content, cancellationToken);
            }

            return StageOutcome.Of(("files", files.Length)).With(state);
        }
    }

    private static async Task<(DashboardTestHost Host, HttpClient Client, RunRecord Run)> RunAsync(params (string, string)[] files)
    {
        var host = await DashboardTestHost.StartAsync(stages: () => [new WritingStage(files)]);
        var client = await host.SignedInClientAsync();
        var token = await DashboardTestHost.TokenAsync(client, "/schedules");
        var response = await client.PostAsync("/schedules?handler=Trigger", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "nightly",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await WaitForAnyRunAsync(host);
        return (host, client, await host.WaitForRunAsync(id, r => r.State is not (RunState.Running or RunState.Queued)));
    }

    private static async Task<long> WaitForAnyRunAsync(DashboardTestHost host)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open();
            if (db.Runs.Select(r => (long?)r.Id).FirstOrDefault() is { } id)
            {
                return id;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No run started.");
    }

    private static Task<HttpResponseMessage> GetFileAsync(HttpClient client, long runId, string path) =>
        client.GetAsync($"/runs/{runId}/files?path={Uri.EscapeDataString(path)}");

    [Fact]
    public async Task Only_the_files_the_run_wrote_are_listed_and_served_and_only_as_written()
    {
        var (host, client, run) = await RunAsync(("results/outcomes.csv", "a,b\n1,2\n"), ("panel/notes.txt", "panel"));
        await using var _ = host;
        using var __ = client;
        File.WriteAllText(Path.Combine(run.OutFolder, "planted.txt"), "not written by the run");
        File.Copy(host.DatabasePath, Path.Combine(run.OutFolder, "copy.db"));

        var served = await GetFileAsync(client, run.Id, "results/outcomes.csv");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("a,b\n1,2\n", await served.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await GetFileAsync(client, run.Id, "run-summary.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetFileAsync(client, run.Id, "planted.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetFileAsync(client, run.Id, "copy.db")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetFileAsync(client, run.Id, "results/../results/outcomes.csv")).StatusCode);
        var page = await client.GetStringAsync($"/runs/{run.Id}");
        Assert.Contains("results/outcomes.csv", page);
        Assert.DoesNotContain("planted.txt", page);
        Assert.DoesNotContain("copy.db", page);

        // Same size, other bytes; then a longer file: neither is what the run wrote.
        File.WriteAllText(Path.Combine(run.OutFolder, "results", "outcomes.csv"), "x,y\n9,9\n");
        Assert.Equal(HttpStatusCode.NotFound, (await GetFileAsync(client, run.Id, "results/outcomes.csv")).StatusCode);
        File.WriteAllText(Path.Combine(run.OutFolder, "results", "outcomes.csv"), "a,b\n1,2\n3,4\n");
        Assert.Equal(HttpStatusCode.NotFound, (await GetFileAsync(client, run.Id, "results/outcomes.csv")).StatusCode);
    }

    [Fact]
    public async Task A_link_in_any_part_of_the_path_is_never_followed()
    {
        var (host, client, run) = await RunAsync(("results/outcomes.csv", "a,b\n1,2\n"));
        await using var _ = host;
        using var __ = client;
        // The same bytes behind a linked folder: the hash matches, the path does not.
        var elsewhere = host.Temp.Combine("elsewhere");
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Combine(elsewhere, "outcomes.csv"), "a,b\n1,2\n");
        Directory.Move(Path.Combine(run.OutFolder, "results"), host.Temp.Combine("moved"));
        Directory.CreateSymbolicLink(Path.Combine(run.OutFolder, "results"), elsewhere);

        var response = await GetFileAsync(client, run.Id, "results/outcomes.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
