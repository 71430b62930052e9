using BatchCycle.Tests.Support;
using Microsoft.Playwright;

namespace BatchCycle.Tests.Dashboard;

/// <summary>
/// The job dashboard in a real browser (Debian's Chromium through Playwright) against the real <c>serve</c>: a
/// stranger is sent to sign in, the secretariat opens it from the navigation and sees the schedules as recurring
/// jobs. Screenshots are kept under the test output's artifacts/screenshots.
/// </summary>
public sealed class JobDashboardBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "browser test password";

    private static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    [Fact]
    public async Task The_secretariat_opens_the_job_dashboard_and_its_recurring_jobs_after_signing_in()
    {
        Assert.True(File.Exists(Chromium), "Chromium is needed for this test (apt-get install chromium).");
        using var temp = new TempFolder();
        var added = await UsersCommandTests.RunWithInputAsync(temp.Path, Password + "\n", "users", "add", "alice", "--password-stdin", "--db", "dashboard.db");
        Assert.Equal(0, added.ExitCode);
        await using var serve = await ServeProcess.StartAsync(temp.Path, ServeProcess.QuickJobs, "--db", "dashboard.db", "--data", "data");
        Directory.CreateDirectory(ScreenshotFolder);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "zh-HK" });
        page.SetDefaultTimeout(30_000);
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };

        await page.GotoAsync(serve.BaseUrl + "/hangfire");
        Assert.EndsWith("/signin", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.FillAsync("#UserName", "alice");
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("main button[type=submit]");
        // Sign-in returns the user to the page asked for.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/hangfire", StringComparison.Ordinal));

        await page.GotoAsync(serve.BaseUrl + "/runs");
        await page.ClickAsync("header nav a[href='/hangfire']");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/hangfire", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("BatchCycle 作业 Jobs");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "20-hangfire-home.png"), FullPage = true });

        await page.GotoAsync(serve.BaseUrl + "/hangfire/recurring");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("nightly-import-and-screen");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("reminders-on-opening");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "21-hangfire-recurring.png"), FullPage = true });
        Assert.Empty(blocked);
        Assert.True(new FileInfo(Path.Combine(ScreenshotFolder, "21-hangfire-recurring.png")).Length > 10_000);
    }
}
