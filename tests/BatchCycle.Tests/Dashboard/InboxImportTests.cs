using System.Text.Json;
using BatchCycle.Import;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Tests.Dashboard;

/// <summary>Files given twice, or corrected, through the dashboard's inbox: rows are not doubled, and every output names the uploaded file.</summary>
public sealed class InboxImportTests
{
    private static readonly object?[] TitleHeader = ["FactoryId", "TitleType", "CertificateNo", "IssuedOn"];

    private static readonly object?[] ComplaintHeader = ["ProviderId", "ReceivedOn", "Kind", "Substantiated", "Ref"];

    internal static byte[] Titles(int count, string lineEnd = "\n") =>
        System.Text.Encoding.UTF8.GetBytes(TestFiles.Csv([TitleHeader, .. Enumerable.Range(1, count).Select(i => new object?[] { "H12345678", "工信部绿色工厂", $"G-{i}", "2024-01-01" })]).Replace("\n", lineEnd, StringComparison.Ordinal));

    [Fact]
    public async Task Titles_uploaded_twice_are_counted_once_and_the_report_names_the_uploaded_file()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();

        await InboxFlow.UploadAsync(client, false, ("titles.csv", Titles(34)));
        var response = await InboxFlow.UploadAsync(client, true, ("titles.csv", Titles(34, "\r\n")));

        var runId = DashboardTestHost.RunIdOf(response);
        var import = await ImportStageOf(host, runId);
        Assert.Equal(34, JsonSerializer.Deserialize<Dictionary<string, long>>(import.CountsJson)![InputKinds.Titles.CountName]);
        Assert.Equal(34, JsonSerializer.Deserialize<Dictionary<string, long>>(import.CountsJson)!["rows read twice"]);
        var run = await host.WaitForRunAsync(runId, r => r.State is not (RunState.Running or RunState.Queued));
        var issues = CsvText.Read(await File.ReadAllTextAsync(Path.Combine(run.OutFolder, "results", "import-issues.csv")));
        Assert.Equal(34, issues.Skip(1).Count(r => r[4].StartsWith(ImportNotices.Prefix, StringComparison.Ordinal) && r[4].Contains("counted once", StringComparison.Ordinal)));
        Assert.All(issues.Skip(1), r => Assert.Equal("titles.csv", r[0]));

        using var summary = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(run.OutFolder, "run-summary.json")));
        Assert.Contains(summary.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("34 row(s) read twice", StringComparison.Ordinal));
        var inputs = summary.RootElement.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(["titles.csv", "titles.csv"], inputs.Select(i => i.GetProperty("file").GetString()));
        Assert.All(inputs, i => Assert.DoesNotContain("titles", i.GetProperty("storedAs").GetString(), StringComparison.Ordinal));
        var page = await client.GetStringAsync($"/runs/{runId}");
        Assert.Contains("34 row(s) read twice with the same values", page);
    }

    [Fact]
    public async Task A_corrected_complaints_file_replaces_the_rows_of_the_old_one()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();
        byte[] Complaints(string substantiated) => TestFiles.Utf8Csv([ComplaintHeader, ["SP-001", "2025-03-01", "ClientComplaint", substantiated, "C-1"], ["SP-002", "2025-03-02", "ClientComplaint", "No", "C-2"]]);

        await InboxFlow.UploadAsync(client, false, ("complaints.csv", Complaints("Yes")));
        var response = await InboxFlow.UploadAsync(client, true, ("complaints corrected.csv", Complaints("No")));

        var runId = DashboardTestHost.RunIdOf(response);
        var import = await ImportStageOf(host, runId);
        var counts = JsonSerializer.Deserialize<Dictionary<string, long>>(import.CountsJson)!;
        Assert.Equal((2L, 1L, 1L), (counts[InputKinds.Complaints.CountName], counts["rows replaced"], counts["rows read twice"]));
        var run = await host.WaitForRunAsync(runId, r => r.State is not (RunState.Running or RunState.Queued));
        var issues = CsvText.Read(await File.ReadAllTextAsync(Path.Combine(run.OutFolder, "results", "import-issues.csv")));
        var replaced = Assert.Single(issues, r => r[4].Contains("replaces the row", StringComparison.Ordinal));
        Assert.Equal(("complaints corrected.csv", "2"), (replaced[0], replaced[2]));
        Assert.Contains("complaints.csv [complaints.csv] row 2", replaced[4]);
        Assert.Contains("1 row(s) replaced by a later file", await client.GetStringAsync($"/runs/{runId}"));
    }

    private static async Task<RunStageRecord> ImportStageOf(DashboardTestHost host, long runId)
    {
        await host.WaitForRunAsync(runId, r => r.State is not (RunState.Running or RunState.Queued));
        await using var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open();
        return await db.RunStages.AsNoTracking().SingleAsync(s => s.RunId == runId && s.Stage == "import");
    }
}
