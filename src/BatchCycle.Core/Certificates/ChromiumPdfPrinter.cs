using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace BatchCycle.Certificates;

/// <summary>
/// Prints HTML to A4 PDF with the Debian Chromium named in the settings, spoken to directly over the DevTools
/// protocol (<see cref="DevToolsPipe"/>): a browser is ready in a quarter of a second this way, where a driver
/// process in between took a second, and the program carries no browser driver. One browser serves a whole
/// batch: starting Chromium costs far more than printing a page. A few pages print side by side, each in its own
/// browser context (so in its own renderer process), because most of a print is spent preparing the fonts for
/// the PDF, on one core.
/// </summary>
public sealed class ChromiumPdfPrinter : IAsyncDisposable
{
    /// <summary>
    /// The machine has no network and may run as root in a container (CI), hence no sandbox, no background
    /// traffic and no use of the container's small <c>/dev/shm</c>.
    /// </summary>
    private static readonly string[] LaunchArguments =
    [
        "--headless",
        "--remote-debugging-pipe",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-extensions",
        "--disable-sync",
        "--hide-scrollbars",
        "--mute-audio",
        "--force-color-profile=srgb",
    ];

    /// <summary>
    /// .NET cannot hand a child process file descriptors beyond the standard three, and Chromium reads the
    /// protocol from descriptor 3 and writes it to 4: the shell moves the pipes we hold on the child's standard
    /// input and output there before it becomes Chromium. Over pipes no port is open to other local users, and
    /// Chromium exits by itself when this process does.
    /// </summary>
    private const string MovePipesThenStartChromium = "exec \"$0\" \"$@\" 3<&0 4>&1 </dev/null >/dev/null";

    /// <summary>Resolves once the page has loaded its images and its fonts (web fonts from {{asset}} load asynchronously).</summary>
    private const string LoadedWithFonts =
        "new Promise(loaded => document.readyState === 'complete' ? loaded() : addEventListener('load', () => loaded(), { once: true }))" +
        ".then(() => document.fonts.ready).then(() => true)";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PrintTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>IO.read's chunk: large enough that a batch of certificates comes back in a few replies.</summary>
    private const int StreamChunkBytes = 1 << 20;

    private readonly Process chromium;
    private readonly Task<string?> chromiumLog;
    private readonly DirectoryInfo profile;
    private readonly DevToolsPipe devTools;
    private readonly Channel<Tab> idleTabs;

    private ChromiumPdfPrinter(Process chromium, Task<string?> chromiumLog, DirectoryInfo profile, DevToolsPipe devTools, IReadOnlyList<Tab> tabs)
    {
        this.chromium = chromium;
        this.chromiumLog = chromiumLog;
        this.profile = profile;
        this.devTools = devTools;
        Parallelism = tabs.Count;
        idleTabs = Channel.CreateUnbounded<Tab>();
        foreach (var tab in tabs)
        {
            idleTabs.Writer.TryWrite(tab);
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

        var profile = Directory.CreateTempSubdirectory("batchcycle-chromium-");
        Process? process = null;
        DevToolsPipe? devTools = null;
        Task<string?> log = Task.FromResult<string?>(null);
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startup.CancelAfter(StartTimeout);
        try
        {
            process = Process.Start(StartInfo(chromium, profile.FullName))!;
            log = LastLineAsync(process.StandardError);
            devTools = new DevToolsPipe(process.StandardInput.BaseStream, process.StandardOutput.BaseStream);
            // One page per core: the work is CPU-bound, more pages would only wait for each other.
            var tabs = await Task.WhenAll(Enumerable.Range(0, Math.Clamp(Environment.ProcessorCount, 1, 4))
                .Select(_ => OpenTabAsync(devTools, startup.Token)));
            return (new ChromiumPdfPrinter(process, log, profile, devTools, tabs), null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever stops the browser (a broken install, a missing library, a hung start) has the same remedy
            // for the user, and the run must still complete with HTML certificates.
            var reason = ex switch
            {
                OperationCanceledException => $"no answer within {StartTimeout.TotalSeconds:0} s",
                IOException => "it stopped before it was ready",
                _ => ex.Message.Split('\n', 2)[0].Trim(),
            };
            await StopAsync(process, log, devTools, profile);
            var said = log.IsCompletedSuccessfully ? log.Result : null;
            return (null, $"Chromium at '{chromium}' could not be started ({reason}{(said is null ? "" : $"; it said: {said}")})");
        }
        catch
        {
            await StopAsync(process, log, devTools, profile);
            throw;
        }
    }

    /// <summary>Prints one HTML document to an A4 PDF; the template's <c>@page</c> rule may choose landscape or margins.</summary>
    /// <remarks>Safe to call concurrently: each call borrows one of the idle pages.</remarks>
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        var tab = await idleTabs.Reader.ReadAsync(cancellationToken);
        try
        {
            using var print = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            print.CancelAfter(PrintTimeout);
            try
            {
                return await PrintOnAsync(tab, html, print.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Chromium did not print a document within {PrintTimeout.TotalMinutes:0} minutes.");
            }
        }
        finally
        {
            idleTabs.Writer.TryWrite(tab);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(chromium, chromiumLog, devTools, profile);

    private async Task<byte[]> PrintOnAsync(Tab tab, string html, CancellationToken cancellationToken)
    {
        await devTools.SendAsync("Page.setDocumentContent", new() { ["frameId"] = tab.FrameId, ["html"] = html }, tab.SessionId, cancellationToken);
        await devTools.SendAsync("Runtime.evaluate", new() { ["expression"] = LoadedWithFonts, ["awaitPromise"] = true }, tab.SessionId, cancellationToken);
        var printed = await devTools.SendAsync("Page.printToPDF", new()
        {
            // A4 as Chromium's print dialog names it; a template's @page size or margins take precedence.
            ["paperWidth"] = 8.27,
            ["paperHeight"] = 11.7,
            ["marginTop"] = 0,
            ["marginBottom"] = 0,
            ["marginLeft"] = 0,
            ["marginRight"] = 0,
            ["printBackground"] = true,
            ["preferCSSPageSize"] = true,
            // The combined file of a large cycle is tens of megabytes: it comes back in chunks, not as one message.
            ["transferMode"] = "ReturnAsStream",
        }, tab.SessionId, cancellationToken);
        var stream = printed.GetProperty("stream").GetString();
        using var pdf = new MemoryStream();
        while (true)
        {
            var chunk = await devTools.SendAsync("IO.read", new() { ["handle"] = stream, ["size"] = StreamChunkBytes }, tab.SessionId, cancellationToken);
            pdf.Write(Convert.FromBase64String(chunk.GetProperty("data").GetString()!));
            if (chunk.GetProperty("eof").GetBoolean())
            {
                break;
            }
        }

        await devTools.SendAsync("IO.close", new() { ["handle"] = stream }, tab.SessionId, cancellationToken);
        return pdf.ToArray();
    }

    private static ProcessStartInfo StartInfo(string chromium, string profileFolder)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(MovePipesThenStartChromium);
        info.ArgumentList.Add(chromium);
        foreach (var argument in LaunchArguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add($"--user-data-dir={profileFolder}");
        info.ArgumentList.Add("about:blank");
        return info;
    }

    /// <summary>A page of its own in a browser context of its own, ready to be given a document.</summary>
    private static async Task<Tab> OpenTabAsync(DevToolsPipe devTools, CancellationToken cancellationToken)
    {
        var context = await devTools.SendAsync("Target.createBrowserContext", [], null, cancellationToken);
        var target = await devTools.SendAsync("Target.createTarget", new()
        {
            ["url"] = "about:blank",
            ["browserContextId"] = context.GetProperty("browserContextId").GetString(),
        }, null, cancellationToken);
        var session = await devTools.SendAsync("Target.attachToTarget", new()
        {
            ["targetId"] = target.GetProperty("targetId").GetString(),
            ["flatten"] = true,
        }, null, cancellationToken);
        var sessionId = session.GetProperty("sessionId").GetString()!;
        var frames = await devTools.SendAsync("Page.getFrameTree", [], sessionId, cancellationToken);
        return new Tab(sessionId, frames.GetProperty("frameTree").GetProperty("frame").GetProperty("id").GetString()!);
    }

    /// <summary>Reads what Chromium writes on its standard error to the end, keeping the last line to explain a failed start.</summary>
    private static async Task<string?> LastLineAsync(StreamReader standardError)
    {
        string? last = null;
        while (await standardError.ReadLineAsync() is { } line)
        {
            last = string.IsNullOrWhiteSpace(line) ? last : line.Trim();
        }

        return last;
    }

    /// <summary>Asks Chromium to close, ends it if it does not, and removes its profile folder.</summary>
    private static async Task StopAsync(Process? chromium, Task<string?> log, DevToolsPipe? devTools, DirectoryInfo profile)
    {
        if (chromium is not null && !chromium.HasExited && (devTools is null || !await ClosesWhenAskedAsync(chromium, devTools)))
        {
            chromium.Kill(entireProcessTree: true);
            await chromium.WaitForExitAsync(CancellationToken.None);
        }

        if (devTools is not null)
        {
            await devTools.DisposeAsync();
        }

        // The log is read to its end before the process object and its streams go; a helper process of Chromium's
        // that still holds the stream open is not waited for.
        await Task.WhenAny(log, Task.Delay(CloseTimeout));
        chromium?.Dispose();
        try
        {
            profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary profile that cannot be removed costs disk space only; the certificates are written.
        }
    }

    /// <summary>Asks Chromium to close and waits a while for it to exit; whether it did.</summary>
    private static async Task<bool> ClosesWhenAskedAsync(Process chromium, DevToolsPipe devTools)
    {
        using var closing = new CancellationTokenSource(CloseTimeout);
        try
        {
            await devTools.SendAsync("Browser.close", [], null, closing.Token);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            // Chromium often closes the pipe before answering; whether it exited is what counts.
        }

        try
        {
            await chromium.WaitForExitAsync(closing.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private sealed record Tab(string SessionId, string FrameId);
}
