using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BatchCycle.Tests.Dashboard;

/// <summary>
/// The real <c>serve</c> process driven by a real browser (Debian's Chromium through Playwright): sign in,
/// upload a cycle, follow the run, download its outputs, look at every page, verify a certificate.
/// Screenshots of each page are kept under the test output's artifacts/screenshots.
/// </summary>
public sealed class DashboardBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "browser test password";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    [Fact]
    public async Task The_secretariat_uploads_a_cycle_follows_the_run_downloads_its_outputs_and_a_company_verifies_a_certificate()
    {
        Assert.True(File.Exists(Chromium), "Chromium is needed for this test (apt-get install chromium).");
        using var temp = new TempFolder();
        var addUser = await UsersCommandTests.RunWithInputAsync(temp.Path, Password + "\n", "users", "add", "alice", "--password-stdin", "--db", "dashboard.db");
        Assert.Equal(0, addUser.ExitCode);
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        using var server = ProgramRunner.Start(temp.Path, null, "serve", "--urls", baseUrl, "--db", "dashboard.db", "--data", "data");
        var log = new StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        server.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            await WaitUntilListeningAsync(baseUrl, server, log);
            await DriveAsync(baseUrl, temp);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task DriveAsync(string baseUrl, TempFolder temp)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        using var playwright = await Playwright.CreateAsync();
        await using var context = await playwright.Chromium.LaunchPersistentContextAsync(temp.Combine("chromium-profile"), new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ChromiumArgs,
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "zh-HK",
        });
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);

        // Sign in: the dashboard sends a stranger to the sign-in page first.
        await page.GotoAsync(baseUrl + "/runs");
        Assert.EndsWith("/signin", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await ScreenshotAsync(page, "01-signin");
        await page.FillAsync("#UserName", "alice");
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(new Regex("/runs$"));

        // Upload: a couple of generated files and whatever the 2025 samples hold.
        var files = UploadFiles(temp);
        await page.GotoAsync(baseUrl + "/upload");
        await page.SetInputFilesAsync("input[type=file]", files);
        await ScreenshotAsync(page, "02-upload");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(new Regex(@"/runs/\d+$"));
        var runUrl = page.Url;
        await Assertions.Expect(page.Locator("h1 [data-run-state]")).ToHaveTextAsync(new Regex("Completed|Failed|Interrupted"), new() { Timeout = 180_000 });
        await Assertions.Expect(page.Locator("h1 [data-run-state]")).ToHaveTextAsync(new Regex("Completed"));

        // The page follows the run until its summary is written, then reloads once and stops.
        await Assertions.Expect(page.Locator("[data-run-status]")).ToHaveAttributeAsync("data-run-active", "false", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("ul.files")).ToContainTextAsync("run-summary.json");
        await ScreenshotAsync(page, "03-run-detail");

        // Downloads: run-summary.json always, the panel workbook once the run has a panel stage.
        var summaryPath = await DownloadAsync(page, "run-summary.json", temp);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(summaryPath));
        Assert.Equal("Completed", summary.RootElement.GetProperty("state").GetString());
        Assert.Equal("alice", summary.RootElement.GetProperty("startedBy").GetString());
        var stages = summary.RootElement.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        if (stages.Contains("panel"))
        {
            var workbookLink = page.Locator("ul.files a", new() { HasTextRegex = new Regex(@"^panel/.*\.xlsx$") });
            var workbook = await DownloadAsync(page, (await workbookLink.First.TextContentAsync())!, temp);
            var bytes = await File.ReadAllBytesAsync(workbook);
            Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        }

        // The other pages. The inbox lists every file under the name it was uploaded as.
        await page.GotoAsync(baseUrl + "/upload");
        foreach (var file in files)
        {
            await Assertions.Expect(page.Locator("main table")).ToContainTextAsync(Path.GetFileName(file));
        }

        await Assertions.Expect(page.Locator("table.inbox tbody tr")).ToHaveCountAsync(files.Count);
        await ScreenshotAsync(page, "02-upload-inbox");

        // The run's applications: search one by its id written in lower case, then open it.
        await page.GotoAsync(runUrl + "/applications");
        var firstId = await page.Locator("table.applications tbody tr").First.GetAttributeAsync("data-application");
        Assert.False(string.IsNullOrEmpty(firstId));
        await ScreenshotAsync(page, "05-applications");
        await page.FillAsync("input[name=q]", firstId!.ToLowerInvariant());
        await page.ClickAsync("form.filters button[type=submit]");
        await Assertions.Expect(page.Locator("table.applications tbody tr")).ToHaveCountAsync(1);
        await page.ClickAsync($"table.applications a:text-is('{firstId}')");
        await Assertions.Expect(page.Locator("table.requirements tbody tr").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "06-application");
        await page.GotoAsync(baseUrl + "/runs");
        await Assertions.Expect(page.Locator("table.runs tbody tr")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "04-runs");

        await page.GotoAsync(baseUrl + "/schedules");
        await Assertions.Expect(page.Locator("tr[data-schedule='nightly-import-and-screen']")).ToContainTextAsync("Every day at 02:00");
        await ScreenshotAsync(page, "05-schedules");
        await page.Locator("tr[data-schedule='nightly-import-and-screen'] button", new() { HasText = "Trigger now" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/runs(/\d+)?$"));
        await page.GotoAsync(baseUrl + "/runs");
        await Assertions.Expect(page.Locator("table.runs tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("table.runs tbody tr").First).ToContainTextAsync("alice (schedule:nightly-import-and-screen)");

        await page.GotoAsync(baseUrl + "/reminders");
        await ScreenshotAsync(page, "06-reminders");

        // A company checks a certificate the run issued: no sign-in, only the certificate's public facts.
        CertificateRecord certificate;
        await using (var db = BatchCycleDatabase.Sqlite(temp.Combine("dashboard.db")).Open())
        {
            certificate = await db.Certificates.AsNoTracking().Where(c => c.LabelType == "E").OrderBy(c => c.Serial).FirstAsync();
        }

        var code = certificate.VerificationCode;
        await context.ClearCookiesAsync();
        await page.GotoAsync($"{baseUrl}/verify/{code}");
        await Assertions.Expect(page.Locator(".verdict")).ToHaveTextAsync("有效 Valid");
        await Assertions.Expect(page.Locator("[data-field=serial]")).ToHaveTextAsync(certificate.Serial);
        await Assertions.Expect(page.Locator("[data-field=label]")).ToContainTextAsync("粤港清洁生产优越伙伴（制造业）");
        await Assertions.Expect(page.Locator("[data-field=label]")).ToContainTextAsync("Manufacturing Outstanding Partner");
        Assert.False(string.IsNullOrEmpty(certificate.ContactEmail));
        Assert.DoesNotContain(certificate.ContactEmail, await page.ContentAsync());
        await Assertions.Expect(page.Locator("header nav")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "07-verify");

        var unknown = await page.GotoAsync($"{baseUrl}/verify/AAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(404, unknown!.Status);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("No certificate has this verification code");
    }

    [Fact]
    public async Task A_running_run_updates_its_page_in_place_and_the_page_reloads_once_when_it_ends()
    {
        Assert.True(File.Exists(Chromium), "Chromium is needed for this test (apt-get install chromium).");
        var stage = new SteppedStage(0.25, 0.75);
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        await using var host = await DashboardTestHost.StartAsync(d => d.Urls = baseUrl, () => [stage], onKestrel: true);
        using var playwright = await Playwright.CreateAsync();
        await using var context = await playwright.Chromium.LaunchPersistentContextAsync(host.Temp.Combine("chromium-profile"), new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ChromiumArgs,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(baseUrl + "/signin");
        await page.FillAsync("#UserName", DashboardTestHost.UserName);
        await page.FillAsync("#Password", DashboardTestHost.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(new Regex("/runs$"));

        await page.GotoAsync(baseUrl + "/schedules");
        await page.Locator("tr[data-schedule='nightly'] button", new() { HasText = "Trigger now" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/runs/\d+$"));
        await stage.WaitForStepAsync();
        var bar = page.Locator("tr[data-stage='stepped'] [data-stage-progress]");
        await Assertions.Expect(bar).ToHaveJSPropertyAsync("value", 0.25);
        await Assertions.Expect(page.Locator("h1 [data-run-state]")).ToHaveTextAsync("运行中 Running");
        await page.EvaluateAsync("() => { window.loadedOnce = true; }");
        await ScreenshotAsync(page, "08-run-in-progress");

        stage.Proceed();
        await stage.WaitForStepAsync();
        await Assertions.Expect(bar).ToHaveJSPropertyAsync("value", 0.75);
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "The page reloaded to show progress.");

        stage.Proceed();
        await Assertions.Expect(page.Locator("h1 [data-run-state]")).ToHaveTextAsync("已完成 Completed");
        await Assertions.Expect(page.Locator("ul.files")).ToContainTextAsync("run-summary.json");
        Assert.False(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "The page should reload once the run ends.");
    }

    private static List<string> UploadFiles(TempFolder temp)
    {
        var generated = temp.Combine("generated");
        Directory.CreateDirectory(generated);
        File.WriteAllText(Path.Combine(generated, "applications.csv"), "ApplicationId,LabelType,ApplicantName\nA-001,M,示例公司\n", Encoding.UTF8);
        File.WriteAllText(Path.Combine(generated, "register.csv"), "Serial,LabelType,HolderName,ExpiresOn\n2023-M-0001,M,示例公司,2025-12-15\n", Encoding.UTF8);
        var samples = Repo.Samples(2025);
        var sampleFiles = Directory.Exists(samples)
            ? Directory.GetFiles(samples).Where(f => Path.GetExtension(f).ToLowerInvariant() is ".xlsx" or ".xls" or ".csv")
            : [];
        return [.. Directory.GetFiles(generated), .. sampleFiles];
    }

    private static async Task<string> DownloadAsync(IPage page, string linkText, TempFolder temp)
    {
        var link = page.Locator("ul.files a", new() { HasText = linkText }).First;
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = temp.Combine("downloads", download.SuggestedFilename);
        await download.SaveAsAsync(path);
        return path;
    }

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilListeningAsync(string baseUrl, Process server, StringBuilder log)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 120; attempt++)
        {
            Assert.False(server.HasExited, "serve stopped: " + log);
            try
            {
                if ((await client.GetAsync(baseUrl + "/signin")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail("serve did not start listening: " + log);
    }
}
