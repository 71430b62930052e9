using System.Net;
using System.Text.RegularExpressions;
using BatchCycle.Import;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Dashboard;

/// <summary>The application page links each evidence key to a page of the lines across the run citing it, and a label serial's certificate.</summary>
public sealed partial class EvidenceViewTests
{
    [Fact]
    public async Task Evidence_keys_link_to_the_lines_citing_them_exactly_and_to_the_certificate_of_a_serial()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();
        var runId = await SeedAsync(host.DatabasePath);

        var page = await client.GetStringAsync($"/runs/{runId}/applications/A-1");
        Assert.Equal(["OA22-00001", "OA22-00001/3", "2023-M-0001"], Links().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups["key"].Value)));
        Assert.Contains($"href=\"/runs/{runId}/evidence?key=OA22-00001%2F3\"", page);

        Assert.Equal(["A-1"], await CitationsAsync(client, runId, "OA22-00001"));
        Assert.Equal(["A-1", "A-2"], await CitationsAsync(client, runId, "OA22-00001/3"));
        var serial = await client.GetStringAsync($"/runs/{runId}/evidence?key=2023-M-0001");
        Assert.Contains("data-certificate=\"2023-M-0001\"", serial);
        Assert.Contains("东莞绿色制造有限公司", serial);
        Assert.Empty(await CitationsAsync(client, runId, "NO-SUCH"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/runs/{runId}/evidence")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/runs/{runId + 1}/evidence?key=OA22-00001")).StatusCode);
    }

    private static async Task<List<string>> CitationsAsync(HttpClient client, long runId, string key) =>
        [.. Citation().Matches(await client.GetStringAsync($"/runs/{runId}/evidence?key={Uri.EscapeDataString(key)}")).Select(m => m.Groups["id"].Value)];

    private static async Task<long> SeedAsync(string databasePath)
    {
        await using var db = BatchCycleDatabase.Sqlite(databasePath).Open();
        var now = DateTime.UtcNow;
        var run = new RunRecord { Year = now.Year, State = RunState.Completed, StartedAt = now, StartedBy = "test", InputFolder = "in", OutFolder = "out", AsOf = DateOnly.FromDateTime(now) };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        foreach (var id in new[] { "A-1", "A-2" })
        {
            db.Set<RunApplicationRecord>().Add(new RunApplicationRecord { RunId = run.Id, ApplicationId = id, ApplicantName = "东莞绿色制造有限公司", SearchText = id, Source = "applications.csv" });
            db.ScreeningOutcomes.Add(new ScreeningOutcomeRecord { RunId = run.Id, ApplicationId = id, LabelType = "M", Kind = "Renewal", Outcome = "Eligible" });
        }

        db.RequirementResults.AddRange(
            Line(run.Id, "A-1", "M.options", "OA22-00001; OA22-00001/3"),
            Line(run.Id, "A-1", "M.renewal", "2023-M-0001"),
            Line(run.Id, "A-2", "M.options", "OA22-00001/3"));
        db.Certificates.Add(new CertificateRecord
        {
            Serial = "2023-M-0001", Year = 2023, LabelType = "M", Sequence = 1, ApplicationId = "OLD-1", HolderName = "东莞绿色制造有限公司",
            AwardedOn = new DateOnly(2023, 12, 1), ExpiresOn = new DateOnly(2026, 11, 30), VerificationCode = "V1", IssuedAt = now, RunId = run.Id,
        });
        await db.SaveChangesAsync();
        return run.Id;
    }

    private static RequirementResultRecord Line(long runId, string applicationId, string requirement, string evidence) =>
        new() { RunId = runId, ApplicationId = applicationId, Requirement = requirement, Result = "Met", Evidence = evidence, Note = "", IsTopLevel = true };

    [GeneratedRegex("data-evidence=\"(?<key>[^\"]+)\"")]
    private static partial Regex Links();

    [GeneratedRegex("data-citation=\"(?<id>[^\"]+)\"")]
    private static partial Regex Citation();
}
