using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Dashboard;

/// <summary>The real <c>serve</c> process on a free loopback port, its log kept and watched line by line.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    /// <summary>Job settings through the environment, so that the process's jobs poll and retry quickly.</summary>
    public static readonly IReadOnlyDictionary<string, string> QuickJobs = new Dictionary<string, string>
    {
        ["BATCHCYCLE_BatchCycle__Dashboard__Jobs__QueuePollMilliseconds"] = "200",
        ["BATCHCYCLE_BatchCycle__Dashboard__Jobs__SchedulePollMilliseconds"] = "500",
        ["BATCHCYCLE_BatchCycle__Dashboard__Jobs__RetryDelaySeconds"] = "1",
        ["BATCHCYCLE_BatchCycle__Dashboard__Jobs__BusyDelaySeconds"] = "1",
    };

    private readonly Process process;
    private readonly StringBuilder log = new();
    private readonly List<(string Ending, TaskCompletionSource Seen)> watches = [];

    private ServeProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => Received(e.Data);
        process.ErrorDataReceived += (_, e) => Received(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

    /// <summary>The native (.so) libraries the process has loaded whose file name contains the text.</summary>
    public IReadOnlyList<string> LoadedLibraries(string nameContains) =>
        [.. File.ReadLines($"/proc/{process.Id}/maps")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && f[5].EndsWith(".so", StringComparison.Ordinal) && Path.GetFileName(f[5]).Contains(nameContains, StringComparison.Ordinal))
            .Select(f => f[5])
            .Distinct()];

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static async Task<ServeProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var serve = new ServeProcess(ProgramRunner.Start(workingDirectory, environment, ["serve", "--urls", baseUrl, .. args]), baseUrl);
        await serve.WaitUntilListeningAsync();
        return serve;
    }

    /// <summary>Completes when the log has a line ending so (the pipeline's ": import started", say).</summary>
    public Task WaitForLineAsync(string ending)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (log)
        {
            if (log.ToString().Split('\n').Any(l => l.TrimEnd().EndsWith(ending, StringComparison.Ordinal)))
            {
                return Task.CompletedTask;
            }

            watches.Add((ending, seen));
        }

        return seen.Task.WaitAsync(TimeSpan.FromMinutes(3));
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient Client() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(BaseUrl) };

    public async Task<HttpClient> SignedInClientAsync(string userName, string password)
    {
        var client = Client();
        var response = await DashboardTestHost.SignInAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Ends the process outright (SIGKILL): no clean-up of its own runs, as after a crash or a power cut.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
            foreach (var watch in watches.Where(w => line.TrimEnd().EndsWith(w.Ending, StringComparison.Ordinal)).ToList())
            {
                watch.Seen.TrySetResult();
                watches.Remove(watch);
            }
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // Up to about two minutes: beside the rest of the suite on two cores, a serve restarted after a kill once took over one.
        for (var attempt = 0; attempt < 480; attempt++)
        {
            Assert.False(process.HasExited, "serve stopped: " + Log);
            try
            {
                if ((await client.GetAsync(BaseUrl + "/signin")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly on a busy machine.
            }

            await Task.Delay(250);
        }

        Assert.Fail("serve did not start listening: " + Log);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
