using Microsoft.Playwright;

namespace BatchCycle.Certificates;

/// <summary>
/// Prints HTML to A4 PDF with the Debian Chromium named in the settings, driven by Playwright's bundled
/// driver (it never downloads a browser). One browser serves a whole batch: starting Chromium costs seconds,
/// printing a page a fraction of one.
/// </summary>
public sealed class ChromiumPdfPrinter : IAsyncDisposable
{
    /// <summary>The machine has no network and may run as root in a container (CI), hence no sandbox and no background traffic.</summary>
    public static IReadOnlyList<string> LaunchArguments { get; } =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private static readonly TimeSpan PrintTimeout = TimeSpan.FromMinutes(5);

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly IPage page;

    private ChromiumPdfPrinter(IPlaywright playwright, IBrowser browser, IPage page)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.page = page;
    }

    /// <summary>Starts Chromium; when it is missing or does not start, the reason in words instead of a printer.</summary>
    public static async Task<(ChromiumPdfPrinter? Printer, string? Problem)> TryStartAsync(string chromium, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(chromium) || !File.Exists(chromium))
        {
            return (null, $"Chromium was not found at '{chromium}'");
        }

        IPlaywright? playwright = null;
        try
        {
            playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = LaunchArguments,
            });
            var page = await browser.NewPageAsync();
            page.SetDefaultTimeout((float)PrintTimeout.TotalMilliseconds);
            cancellationToken.ThrowIfCancellationRequested();
            return (new ChromiumPdfPrinter(playwright, browser, page), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever stops the browser (a broken install, a missing library, a driver that cannot run) has
            // the same remedy for the user, and the run must still complete with HTML certificates.
            playwright?.Dispose();
            return (null, $"Chromium at '{chromium}' could not be started ({ex.Message.Split('\n', 2)[0].Trim()})");
        }
    }

    /// <summary>Prints one HTML document to an A4 PDF; the template's <c>@page</c> rule may choose landscape or margins.</summary>
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await page.SetContentAsync(html);
        // Web fonts from {{asset}} load asynchronously; system fonts are ready at once.
        await page.EvaluateAsync("document.fonts.ready");
        return await page.PdfAsync(new()
        {
            Format = "A4",
            PrintBackground = true,
            PreferCSSPageSize = true,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
