using System.Net;
using System.Text.RegularExpressions;
using BatchCycle.Import;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Tests.Dashboard;

/// <summary>The applications of a run through the dashboard: search by id or name in either Chinese script, filters, paging, one application's lines.</summary>
public sealed partial class ApplicationsViewTests
{
    [Fact]
    public async Task The_sample_run_lists_searches_and_filters_its_applications()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();
        var samples = Directory.GetFiles(Repo.Samples(2025)).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToArray();
        var runId = DashboardTestHost.RunIdOf(await InboxFlow.UploadAsync(client, true, samples));
        // The test host has no mail sender, so the run stops at its reminders; screening is done by then.
        var run = await host.WaitForRunAsync(runId, r => r.State is not (RunState.Running or RunState.Queued));

        await using var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open();
        var outcomes = await db.ScreeningOutcomes.AsNoTracking().Where(o => o.RunId == runId).ToListAsync();
        Assert.NotEmpty(outcomes);
        var expected = CsvText.Read(await File.ReadAllTextAsync(Path.Combine(Repo.Root, "input-samples", "2025-expected.csv"))).Skip(1).ToList();
        Assert.Equal(expected.Count, await TotalAsync(client, $"/runs/{runId}/applications"));
        Assert.Equal(expected.Count(r => r[1] == "M"), await TotalAsync(client, $"/runs/{runId}/applications?label=M"));
        Assert.Equal(outcomes.Count(o => o.Outcome == "Ineligible"), await TotalAsync(client, $"/runs/{runId}/applications?outcome=Ineligible"));
        Assert.Equal(outcomes.Count(o => o.Outcome == "Ineligible" && o.LabelType == "M"), await TotalAsync(client, $"/runs/{runId}/applications?outcome=Ineligible&label=M"));

        var first = expected[0][0];
        var byId = await client.GetStringAsync($"/runs/{runId}/applications?q={Uri.EscapeDataString(first.ToLowerInvariant())}");
        Assert.Contains($"data-application=\"{first}\"", byId);
        var name = await db.Set<RunApplicationRecord>().Where(a => a.RunId == runId && a.ApplicationId == first).Select(a => a.ApplicantName).SingleAsync();
        var byName = await client.GetStringAsync($"/runs/{runId}/applications?q={Uri.EscapeDataString(TestFiles.Traditional(name))}");
        Assert.Contains($"data-application=\"{first}\"", byName);
        Assert.Equal(0, await TotalAsync(client, $"/runs/{runId}/applications?q=no-such-application"));

        var page = await client.GetStringAsync($"/runs/{runId}/applications/{Uri.EscapeDataString(first)}");
        var lines = await db.RequirementResults.AsNoTracking().Where(r => r.RunId == runId && r.ApplicationId == first).ToListAsync();
        Assert.NotEmpty(lines);
        Assert.Equal(lines.Count, RequirementRow().Matches(page).Count);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/runs/{runId}/applications/NO-SUCH")).StatusCode);

        // Every output names the files as they were uploaded, never by their stored names.
        var summary = SummaryCells(Path.Combine(run.OutFolder, "panel", "2025-panel.xlsx"));
        Assert.All(samples, f => Assert.Contains(f.Item1, summary));
        Assert.DoesNotMatch(StoredName(), string.Join('\n', summary));
        Assert.DoesNotMatch(StoredName(), await File.ReadAllTextAsync(Path.Combine(run.OutFolder, "results", "import-issues.csv")));

        // The runs list: the applications once (not once per stage) and their outcomes.
        var runs = await client.GetStringAsync("/runs");
        Assert.Contains($"申请 Applications <strong>{expected.Count}</strong>", runs);
        Assert.Contains($"data-glance=\"Ineligible\">不符合 Ineligible {outcomes.Count(o => o.Outcome == "Ineligible")}<", runs);
    }

    private static async Task<int> TotalAsync(HttpClient client, string url)
    {
        var match = Total().Match(await client.GetStringAsync(url));
        Assert.True(match.Success, url);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> SummaryCells(string workbook)
    {
        using var stream = File.OpenRead(workbook);
        using var reader = ExcelDataReader.ExcelReaderFactory.CreateReader(stream);
        var cells = new List<string>();
        do
        {
            while (reader.Name == "Summary" && reader.Read())
            {
                cells.AddRange(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString()).OfType<string>());
            }
        }
        while (reader.NextResult());
        return cells;
    }

    [GeneratedRegex("\\d{8}-\\d{6}-[0-9a-f]{16}")]
    private static partial Regex StoredName();

    [GeneratedRegex("data-total>(\\d+)<")]
    private static partial Regex Total();

    [GeneratedRegex("<tr class=\"(top|sub)\">")]
    private static partial Regex RequirementRow();
}
