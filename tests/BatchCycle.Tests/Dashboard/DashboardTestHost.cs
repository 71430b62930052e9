using System.Net;
using System.Text.RegularExpressions;
using BatchCycle.Cycle;
using BatchCycle.Dashboard;
using BatchCycle.Dashboard.Accounts;
using BatchCycle.Pipeline;
using BatchCycle.Runs;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BatchCycle.Tests.Dashboard;

/// <summary>The real dashboard app on an in-process test server, with its own database and data folder.</summary>
public sealed partial class DashboardTestHost : IAsyncDisposable
{
    public const string UserName = "alice";
    public const string Password = "correct horse battery staple";

    private readonly TempFolder temp = new();
    private WebApplication? app;

    public DashboardOptions Options { get; private set; } = null!;

    public string DatabasePath => temp.Combine("dashboard.db");

    public string DataFolder => temp.Combine("data");

    public TempFolder Temp => temp;

    public static async Task<DashboardTestHost> StartAsync(
        Action<DashboardSettings>? configure = null,
        Func<IReadOnlyList<IPipelineStage>>? stages = null,
        Func<string, Task>? beforeStart = null,
        bool onKestrel = false,
        Action<BatchCycleSettings>? settings = null,
        TimeProvider? time = null,
        IReadOnlyList<ScheduleSettings>? schedules = null,
        Func<DashboardOptions, Task>? prepare = null)
    {
        var host = new DashboardTestHost();
        var dashboard = new DashboardSettings
        {
            MaxUploadBytes = 1024 * 1024,
            MaxUnpackedBytes = 2 * 1024 * 1024,
            MaxZipEntries = 50,
            Jobs = QuickJobs(),
        };
        configure?.Invoke(dashboard);
        Directory.CreateDirectory(host.temp.Combine("inbox-for-schedule"));
        host.Options = new DashboardOptions
        {
            Configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning" })
                .Build(),
            Settings = new BatchCycleSettings
            {
                Year = 2025,
                Cycles = { ["2025"] = new CycleDates { Opens = new DateOnly(2025, 5, 14), Closes = new DateOnly(2025, 7, 21) } },
            },
            Dashboard = dashboard,
            Schedules = schedules ??
            [
                new ScheduleSettings
                {
                    Name = "nightly",
                    Cron = "0 0 2 * * ?",
                    TimeZone = "Asia/Hong_Kong",
                    Input = host.temp.Combine("inbox-for-schedule"),
                },
            ],
            Database = BatchCycleDatabase.Sqlite(host.DatabasePath),
            DataFolder = host.DataFolder,
            Stages = stages ?? PipelineStages.Create,
        };
        settings?.Invoke(host.Options.Settings);
        BatchCycleDatabase.Sqlite(host.DatabasePath).Migrate();
        Assert.Null(await UserAccounts.AddAsync(BatchCycleDatabase.Sqlite(host.DatabasePath), UserName, Password, DateTime.UtcNow, CancellationToken.None));
        if (beforeStart is not null)
        {
            await beforeStart(host.DatabasePath);
        }

        if (prepare is not null)
        {
            await prepare(host.Options);
        }

        // On Kestrel the dashboard listens on BatchCycle:Dashboard:Urls, for a real browser.
        host.app = DashboardApp.Build(host.Options, b =>
        {
            if (!onKestrel)
            {
                b.WebHost.UseTestServer();
                b.Services.AddSingleton<IStartupFilter, RemoteAddressFilter>();
            }

            if (time is not null)
            {
                b.Services.AddSingleton(time);
            }
        });
        await host.app.StartAsync();
        return host;
    }

    /// <summary>Job settings that keep tests from waiting: short polling, retries a second apart.</summary>
    public static BatchCycle.Dashboard.Scheduling.JobSettings QuickJobs() => new()
    {
        QueuePollMilliseconds = 200,
        SchedulePollMilliseconds = 500,
        RetryDelaySeconds = 1,
        BusyDelaySeconds = 1,
    };

    /// <summary>Waits until the run has finished (completed or failed) and written its summary.</summary>
    public Task<RunRecord> WaitForFinishAsync(long id) => WaitForRunAsync(id, r => r.State is RunState.Completed or RunState.Failed);

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public HttpClient Client()
    {
        var handler = new CookieContainerHandler { InnerHandler = app!.GetTestServer().CreateHandler() };
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost") };
    }

    /// <summary>A browser-like client whose requests come from <paramref name="remoteAddress"/>, as seen by the dashboard.</summary>
    public HttpClient Client(string remoteAddress)
    {
        var handler = new CookieContainerHandler
        {
            InnerHandler = new RemoteAddressHandler(remoteAddress) { InnerHandler = app!.GetTestServer().CreateHandler() },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost") };
    }

    /// <summary>A client without a cookie jar: each request carries exactly the cookie given, as a copied cookie would.</summary>
    public HttpClient BareClient() => new(app!.GetTestServer().CreateHandler()) { BaseAddress = new Uri("http://localhost") };

    public async Task<HttpClient> SignedInClientAsync()
    {
        var client = Client();
        var response = await SignInAsync(client, UserName, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var token = await TokenAsync(client, "/signin");
        return await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The anti-forgery token of the first form on a page.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return TokenPattern().Match(html) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"{page} has no anti-forgery token.");
    }

    /// <summary>Presses "Trigger now" for a schedule, as a signed-in user does; the response redirects to the run (<see cref="RunIdOf"/>).</summary>
    public static async Task<HttpResponseMessage> TriggerAsync(HttpClient client, string schedule)
    {
        var token = await TokenAsync(client, "/schedules");
        return await client.PostAsync("/schedules?handler=Trigger", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = schedule,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Waits until the run meets the condition and, once finished, has written its summary.</summary>
    public async Task<RunRecord> WaitForRunAsync(long id, Func<RunRecord, bool> condition)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var db = BatchCycleDatabase.Sqlite(DatabasePath).Open();
            var run = db.Runs.Single(r => r.Id == id);
            // The pipeline writes run-summary.json just after it records the end; a finished run is settled with it.
            var settled = run.State is not (RunState.Completed or RunState.Failed) || File.Exists(Path.Combine(run.OutFolder, "run-summary.json"));
            if (settled && condition(run))
            {
                return run;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Run {id} did not reach the expected state.");
    }

    /// <summary>The dashboard's job storage, read as the job dashboard reads it.</summary>
    public Hangfire.JobStorage Jobs => app!.Services.GetRequiredService<Hangfire.JobStorage>();

    public string? JobParameter(string jobId, string name)
    {
        using var connection = Jobs.GetConnection();
        return connection.GetJobParameter(jobId, name);
    }

    public string? JobState(string jobId)
    {
        using var connection = Jobs.GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    /// <summary>The job's states, newest first, with their reasons and data: what a failed assertion should show.</summary>
    public string JobHistory(string jobId) =>
        string.Join(" | ", Jobs.GetMonitoringApi().JobDetails(jobId)?.History.Select(h => $"{h.StateName} ({h.Reason}) {string.Join(", ", h.Data.Select(d => $"{d.Key}={d.Value}"))}") ?? []);

    public IReadOnlyList<string> RecurringJobIds()
    {
        using var connection = Jobs.GetConnection();
        return [.. Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).Select(j => j.Id)];
    }

    public async Task WaitForJobStateAsync(string jobId, string state)
    {
        for (var attempt = 0; attempt < 300 && JobState(jobId) != state; attempt++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(state, JobState(jobId));
    }

    public static long RunIdOf(HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var match = RunLocation().Match(redirect.Headers.Location!.OriginalString);
        Assert.True(match.Success, $"Expected a redirect to a run page, got {redirect.Headers.Location}.");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        temp.Dispose();
    }

    private const string RemoteAddressHeader = "X-Test-Remote-Address";

    /// <summary>The test server has no network connection; this gives each request the address its client claims.</summary>
    private sealed class RemoteAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[RemoteAddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware();
            });
            next(app);
        };
    }

    private sealed class RemoteAddressHandler(string address) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(RemoteAddressHeader, address);
            return base.SendAsync(request, cancellationToken);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"/runs/(\d+)$")]
    private static partial Regex RunLocation();
}
