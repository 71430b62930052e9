using System.Net;
using System.Text;

namespace BatchCycle.Tests.Dashboard;

/// <summary>An upload's kind is checked by its content, and its size in files is limited plainly.</summary>
public sealed class UploadContentTests
{
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

    static UploadContentTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string, byte[], string> Disguised() => new()
    {
        { "text.xls", "ApplicationId,Name\nA1,X\n"u8.ToArray(), "not a valid .xls workbook" },
        { "zip.xls", DashboardUploadTests.Workbook(100), "an .xlsx workbook named .xls" },
        { "ole.xlsx", Ole, "not a valid .xlsx workbook" },
        { "program.csv", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00], "not text" },
        { "archive.csv", DashboardUploadTests.Workbook(100), "not text" },
        { "invalid.csv", [0x61, 0x2C, 0x62, 0x0A, 0x81, 0x0A, 0x32, 0x0A], "not text" },
        { "nul-in-utf16.csv", [0xFF, 0xFE, 0x61, 0x00, 0x00, 0x00, 0x0A, 0x00], "not text" },
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task A_file_whose_content_is_not_its_kind_is_refused_and_nothing_is_stored(string name, byte[] content, string problem)
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();

        var response = await DashboardUploadTests.UploadAsync(client, false, ("fine.csv", "x\n1\n"u8.ToArray()), (name, content));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(name, html);
        Assert.Contains(problem, html);
        Assert.Empty(DashboardUploadTests.InboxFiles(host));
    }

    [Fact]
    public async Task Files_whose_content_matches_their_kind_are_stored_in_any_encoding_the_import_reads()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();

        var response = await DashboardUploadTests.UploadAsync(
            client,
            false,
            ("legacy.xls", Ole),
            ("book.xlsx", DashboardUploadTests.Workbook(100)),
            ("utf8.csv", Encoding.UTF8.GetBytes("名称,代码\n清洁生产,1\n")),
            ("gbk.csv", Encoding.GetEncoding("GB18030").GetBytes("名称,代码\n清洁生产,1\n")),
            ("big5.csv", Encoding.GetEncoding(950).GetBytes("名稱,代碼\n清潔生產,1\n")),
            ("utf16.csv", [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes("名称,代码\n")]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(6, DashboardUploadTests.InboxFiles(host).Length);
    }

    [Fact]
    public async Task Many_files_with_long_names_leave_a_short_message_cookie()
    {
        await using var host = await DashboardTestHost.StartAsync(d => d.MaxUploadFiles = 200);
        using var client = await host.SignedInClientAsync();
        var files = Enumerable.Range(0, 150)
            .Select(i => ($"{new string('长', 80)} a very long name of an application file number {i:D3}.csv", System.Text.Encoding.UTF8.GetBytes($"x\n{i}\n")))
            .ToArray();

        var response = await DashboardUploadTests.UploadAsync(client, false, files);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(150, DashboardUploadTests.InboxFiles(host).Length);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.All(cookies, c => Assert.True(c.Length < 2048, $"A cookie of {c.Length} characters was set."));
        var page = await client.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Received 150 file(s)", html);
        Assert.Contains("and 147 more", html);
    }

    [Theory]
    [InlineData(6, HttpStatusCode.UnprocessableEntity, "At most 5 files can be uploaded at once; 6 were chosen")]
    [InlineData(40, HttpStatusCode.RequestEntityTooLarge, "at most 5 files")]
    public async Task More_files_than_the_limit_are_refused_with_a_plain_message(int count, HttpStatusCode status, string message)
    {
        await using var host = await DashboardTestHost.StartAsync(d => d.MaxUploadFiles = 5);
        using var client = await host.SignedInClientAsync();
        Assert.Contains("at most 5 files", await client.GetStringAsync("/upload"));
        var files = Enumerable.Range(0, count).Select(i => ($"f{i}.csv", "x\n1\n"u8.ToArray())).ToArray();

        var response = await DashboardUploadTests.UploadAsync(client, false, files);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Empty(DashboardUploadTests.InboxFiles(host));
    }
}
