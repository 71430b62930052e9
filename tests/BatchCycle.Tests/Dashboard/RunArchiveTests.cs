using System.IO.Compression;
using BatchCycle.Runs;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Tests.Dashboard;

/// <summary>A run's "download all": one zip of exactly the recorded files, byte for byte; the run page groups the single files by kind.</summary>
public sealed class RunArchiveTests
{
    [Fact]
    public async Task Download_all_holds_every_recorded_file_and_nothing_else()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();
        var runId = DashboardTestHost.RunIdOf(await InboxFlow.UploadAsync(client, true, ("titles.csv", InboxImportTests.Titles(2))));
        var run = await host.WaitForRunAsync(runId, r => r.State is not (RunState.Running or RunState.Queued));
        await File.WriteAllTextAsync(Path.Combine(run.OutFolder, "stray.txt"), "not a run output");

        using var response = await client.GetAsync($"/runs/{runId}/files.zip");
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        await using var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var zip = new ZipArchive(body, ZipArchiveMode.Read);

        await using var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open();
        var recorded = await db.Set<RunOutputFile>().Where(f => f.RunId == runId).Select(f => f.RelativePath).ToListAsync();
        Assert.NotEmpty(recorded);
        Assert.Equal(recorded.Order(StringComparer.Ordinal), zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        foreach (var entry in zip.Entries)
        {
            await using var content = await entry.OpenAsync();
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(run.OutFolder, entry.FullName)), copy.ToArray());
        }

        var page = await client.GetStringAsync($"/runs/{runId}");
        Assert.Contains("data-download-all", page);
        Assert.Contains("data-file-group=\"results\"", page);
    }
}
