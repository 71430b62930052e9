using BatchCycle.Storage;
using System.IO.Compression;
using System.Net;
using System.Text.Json;

namespace BatchCycle.Tests.Dashboard;

public sealed class DashboardUploadTests
{
    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, bool startRun, params (string Name, byte[] Content)[] files)
    {
        var token = await DashboardTestHost.TokenAsync(client, "/upload");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("2025"), "Year" },
            { new StringContent(startRun ? "true" : "false"), "StartRun" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(content), "files", name);
        }

        return await client.PostAsync("/upload", form);
    }

    internal static string[] InboxFiles(DashboardTestHost host) =>
        Directory.Exists(host.Options.InboxFolder(2025)) ? Directory.GetFiles(host.Options.InboxFolder(2025)) : [];

    [Fact]
    public async Task Uploaded_files_are_stored_under_generated_names_and_a_run_starts_on_the_inbox()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();

        var response = await UploadAsync(client, true, ("申请表 applications.csv", "ApplicationId,Name\nA1,X\n"u8.ToArray()), ("register.CSV", "Serial\n2023-M-0001\n"u8.ToArray()));

        var runId = DashboardTestHost.RunIdOf(response);
        var stored = InboxFiles(host);
        Assert.Equal(2, stored.Length);
        Assert.DoesNotContain(stored, f => Path.GetFileName(f).Contains("applications", StringComparison.Ordinal));
        Assert.All(stored, f => Assert.EndsWith(".csv", f, StringComparison.Ordinal));
        var records = Directory.GetFiles(host.Options.UploadRecordsFolder(2025));
        Assert.Contains(records, r => File.ReadAllText(r).Contains("申请表 applications.csv", StringComparison.Ordinal));

        var run = await host.WaitForFinishAsync(runId);
        Assert.Equal(BatchCycle.Storage.RunState.Completed, run.State);
        Assert.Equal(Path.GetFullPath(host.Options.InboxFolder(2025)), run.InputFolder);
        Assert.StartsWith(Path.GetFullPath(host.Options.RunsFolder), run.OutFolder, StringComparison.Ordinal);
        Assert.Equal(DashboardTestHost.UserName, run.StartedBy);

        var detail = await client.GetStringAsync($"/runs/{runId}");
        Assert.Contains("Received 2 file(s)", detail);
        Assert.Contains("run-summary.json", detail);
        var upload = await client.GetStringAsync("/upload");
        Assert.Contains("申请表 applications.csv", upload);
    }

    [Fact]
    public async Task Upload_only_stores_the_files_and_lists_them()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();

        var response = await UploadAsync(client, false, ("a.csv", "x\n1\n"u8.ToArray()), ("b.xlsx", Workbook(1000)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, InboxFiles(host).Length);
        var page = await client.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("a.csv", page);
        Assert.Contains("b.xlsx", page);
        await using var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open();
        Assert.Empty(db.Runs);
    }

    [Theory]
    [InlineData("../../etc/passwd.csv")]
    [InlineData("..\\..\\windows\\win.ini.csv")]
    [InlineData("/etc/cron.d/evil.csv")]
    [InlineData("<script>alert(1)</script>.csv")]
    public async Task Path_like_names_are_only_a_record_and_the_file_stays_in_the_inbox(string name)
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();
        var before = Directory.GetFiles(host.Temp.Path, "*", SearchOption.AllDirectories).ToHashSet();

        var response = await UploadAsync(client, false, (name, "x\n1\n"u8.ToArray()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var added = Directory.GetFiles(host.Temp.Path, "*", SearchOption.AllDirectories).Where(f => !before.Contains(f)).ToList();
        var stored = Assert.Single(InboxFiles(host));
        Assert.Matches(@"^\d{8}-\d{6}-[0-9a-f]{16}\.csv$", Path.GetFileName(stored));
        Assert.All(added, f => Assert.StartsWith(host.DataFolder, f, StringComparison.Ordinal));
        Assert.False(File.Exists("/etc/passwd.csv"));
        var page = await client.GetStringAsync("/upload");
        Assert.DoesNotContain("<script>alert(1)</script>", page);
    }

    [Fact]
    public async Task An_upload_larger_than_the_limit_is_refused_before_it_is_read()
    {
        await using var host = await DashboardTestHost.StartAsync(d => d.MaxUploadBytes = 64 * 1024);
        using var client = await host.SignedInClientAsync();

        var response = await UploadAsync(client, true, ("big.csv", new byte[100 * 1024]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Contains("Upload too large", StringComparison.Ordinal), body);
        Assert.Empty(InboxFiles(host));
    }

    [Fact]
    public async Task A_workbook_that_unpacks_beyond_the_limit_is_refused_and_nothing_is_stored()
    {
        await using var host = await DashboardTestHost.StartAsync(d => d.MaxUnpackedBytes = 1024 * 1024);
        using var client = await host.SignedInClientAsync();
        var bomb = Workbook(3 * 1024 * 1024);
        Assert.True(bomb.Length < 64 * 1024, "The test workbook should be small packed.");

        var response = await UploadAsync(client, true, ("fine.csv", "x\n1\n"u8.ToArray()), ("bomb.xlsx", bomb));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("bomb.xlsx", html);
        Assert.Contains("unpacks to 3 MB", html);
        Assert.Contains("at most 1 MB", html);
        Assert.Empty(InboxFiles(host));
    }

    [Fact]
    public async Task A_workbook_with_too_many_parts_is_refused()
    {
        await using var host = await DashboardTestHost.StartAsync(d => d.MaxZipEntries = 10);
        using var client = await host.SignedInClientAsync();

        var response = await UploadAsync(client, true, ("many.xlsx", Workbook(10, entries: 11)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("holds 11 parts", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("notes.txt", "Only .xlsx, .xls and .csv")]
    [InlineData("tool.exe", "Only .xlsx, .xls and .csv")]
    [InlineData("fake.xlsx", "not a valid .xlsx")]
    [InlineData("empty.csv", "empty")]
    public async Task Files_of_other_kinds_are_refused(string name, string problem)
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();
        var content = name == "empty.csv" ? [] : "just some text, not a zip"u8.ToArray();

        var response = await UploadAsync(client, true, (name, content));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(problem, await response.Content.ReadAsStringAsync());
        Assert.Empty(InboxFiles(host));
    }

    [Fact]
    public async Task Run_files_download_as_attachments_and_nothing_outside_the_output_folder_is_served()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();
        var runId = DashboardTestHost.RunIdOf(await UploadAsync(client, true, ("a.csv", "x\n1\n"u8.ToArray())));
        var run = await host.WaitForFinishAsync(runId);
        File.WriteAllText(Path.Combine(host.Temp.Path, "secret.txt"), "secret");

        var summary = await client.GetAsync($"/runs/{runId}/files?path=run-summary.json");

        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        Assert.Equal("attachment", summary.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("run-summary.json", summary.Content.Headers.ContentDisposition.FileNameStar ?? summary.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("nosniff", summary.Headers.GetValues("X-Content-Type-Options").Single());
        using var json = JsonDocument.Parse(await summary.Content.ReadAsStringAsync());
        Assert.Equal(runId, json.RootElement.GetProperty("run").GetInt64());

        var outside = Path.GetRelativePath(run.OutFolder, Path.Combine(host.Temp.Path, "secret.txt"));
        foreach (var path in new[] { outside, Uri.EscapeDataString(outside), Path.Combine(host.Temp.Path, "secret.txt"), "../dashboard.db", "", "nothing.json" })
        {
            var response = await client.GetAsync($"/runs/{runId}/files?path={path}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    /// <summary>A zip that packs small and unpacks to <paramref name="unpackedBytes"/> (zeros compress well).</summary>
    internal static byte[] Workbook(int unpackedBytes, int entries = 1)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < entries; i++)
            {
                using var entry = zip.CreateEntry($"xl/part{i}.xml", CompressionLevel.SmallestSize).Open();
                entry.Write(new byte[unpackedBytes / entries]);
            }
        }

        return buffer.ToArray();
    }
}
