using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using BatchCycle.Import;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Tests.Dashboard;

/// <summary>The inbox as a managed list: duplicates refused, a new version replaces the old, a removed file is archived and never read again.</summary>
public sealed class InboxManagementTests
{
    private static string ArchiveFolder(DashboardTestHost host) => Path.Combine(host.Options.InboxFolder(2025), ".archive");

    [Fact]
    public async Task A_file_whose_bytes_are_already_in_the_inbox_is_refused()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();
        await InboxFlow.UploadAsync(client, false, ("titles.csv", InboxImportTests.Titles(3)));

        var response = await DashboardUploadTests.UploadAsync(client, false, ("copy of titles.csv", InboxImportTests.Titles(3)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("The same bytes are already in the inbox as titles.csv", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Single(DashboardUploadTests.InboxFiles(host));
    }

    [Fact]
    public async Task The_inbox_lists_kinds_rows_and_checksums_and_a_same_name_upload_asks_then_replaces()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();
        var old = InboxImportTests.Titles(3);
        await InboxFlow.UploadAsync(client, false, ("titles.csv", old));
        var oldStored = Path.GetFileName(Assert.Single(DashboardUploadTests.InboxFiles(host)));
        var list = await client.GetStringAsync("/upload");
        Assert.Contains("titles.csv: <strong>Titles</strong> (3)", list);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(old)), list);

        var asked = await DashboardUploadTests.UploadAsync(client, true, ("titles.csv", InboxImportTests.Titles(5)));
        var question = InboxFlow.Question(await asked.Content.ReadAsStringAsync());
        Assert.NotNull(question);
        Assert.Single(DashboardUploadTests.InboxFiles(host));
        var response = await InboxFlow.AnswerAsync(client, question.Value.PendingId, true, new Dictionary<int, string> { [0] = oldStored });

        var runId = DashboardTestHost.RunIdOf(response);
        Assert.DoesNotContain(DashboardUploadTests.InboxFiles(host), f => Path.GetFileName(f) == oldStored);
        Assert.Equal(old, await File.ReadAllBytesAsync(Path.Combine(ArchiveFolder(host), oldStored)));
        using (var record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(ArchiveFolder(host), oldStored + ".json"))))
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(old)), record.RootElement.GetProperty("Sha256").GetString());
        }

        await host.WaitForRunAsync(runId, r => r.State is not (RunState.Running or RunState.Queued));
        await using var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open();
        var import = await db.RunStages.AsNoTracking().SingleAsync(s => s.RunId == runId && s.Stage == "import");
        Assert.Equal(5, JsonSerializer.Deserialize<Dictionary<string, long>>(import.CountsJson)![InputKinds.Titles.CountName]);
        Assert.Equal(["titles.csv"], await db.SourceFiles.Where(f => f.RunId == runId).Select(f => f.OriginalName).ToListAsync());
    }

    [Fact]
    public async Task A_removed_file_is_archived_and_a_new_version_from_the_list_replaces_its_file()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();
        await InboxFlow.UploadAsync(client, false, ("a.csv", "x\n1\n"u8.ToArray()), ("titles.csv", InboxImportTests.Titles(2)));
        var stored = DashboardUploadTests.InboxFiles(host).Select(Path.GetFileName).ToList();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/upload?handler=Remove&storedName=" + stored[0])).StatusCode);
        Assert.Equal(2, DashboardUploadTests.InboxFiles(host).Length);
        var removed = await PostAsync(client, "Remove", stored[0]!, null);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var replaced = await PostAsync(client, "Replace", stored[1]!, ("titles v2.csv", InboxImportTests.Titles(4)));
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);

        var left = Assert.Single(DashboardUploadTests.InboxFiles(host));
        Assert.DoesNotContain(Path.GetFileName(left), stored);
        Assert.Equal(stored.Order(StringComparer.Ordinal), Directory.GetFiles(ArchiveFolder(host)).Select(Path.GetFileName).Where(n => !n!.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var page = await client.GetStringAsync("/upload");
        Assert.Contains("titles v2.csv", page);
        Assert.Contains("Archived versions (2)", page);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, string storedName, (string Name, byte[] Content)? file)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("2025"), "Year" },
            { new StringContent(storedName), "storedName" },
            { new StringContent("false"), "StartRun" },
            { new StringContent(await DashboardTestHost.TokenAsync(client, "/upload")), "__RequestVerificationToken" },
        };
        if (file is { } f)
        {
            form.Add(new ByteArrayContent(f.Content), "files", f.Name);
        }

        return await client.PostAsync($"/upload?handler={handler}", form);
    }
}
