using System.Threading.Channels;
using Microsoft.Playwright;

namespace BatchCycle.Certificates;

/// <summary>
/// Prints HTML to A4 PDF with the Debian Chromium named in the settings, driven by Playwright's bundled
/// driver (it never downloads a browser). One browser serves a whole batch: starting Chromium costs seconds,
/// printing a page a fraction of one. A few pages print side by side, each in its own browser context (so in its
/// own renderer process), because most of a print is spent preparing the fonts for the PDF, on one core.
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
    private readonly Channel<IPage> idlePages;

    private ChromiumPdfPrinter(IPlaywright playwright, IBrowser browser, IReadOnlyList<IPage> pages)
    {
        this.playwright = playwright;
        this.browser = browser;
        Parallelism = pages.Count;
        idlePages = Channel.CreateUnbounded<IPage>();
        foreach (var page in pages)
        {
            idlePages.Writer.TryWrite(page);
        }
    }

    /// <summary>How many documents may be printed at once.</summary>
    public int Parallelism { get; }

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
            var pages = new List<IPage>();
            // One page per core: the work is CPU-bound, more pages would only wait for each other.
            for (var i = 0; i < Math.Clamp(Environment.ProcessorCount, 1, 4); i++)
            {
                var context = await browser.NewContextAsync();
                var page = await context.NewPageAsync();
                page.SetDefaultTimeout((float)PrintTimeout.TotalMilliseconds);
                pages.Add(page);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return (new ChromiumPdfPrinter(playwright, browser, pages), null);
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
    /// <remarks>Safe to call concurrently: each call borrows one of the idle pages.</remarks>
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        var page = await idlePages.Reader.ReadAsync(cancellationToken);
        try
        {
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
        finally
        {
            idlePages.Writer.TryWrite(page);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
