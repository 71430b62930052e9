using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using JobDashboardOptions = Hangfire.DashboardOptions;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>
/// Wires the job scheduler (Hangfire, used unmodified as a library) into the dashboard: its storage, its server with
/// the settings' workers and intervals, the job filters, the recurring jobs of the schedules, and its own dashboard
/// at <c>/hangfire</c> behind the secretariat's sign-in.
/// </summary>
public static class CycleScheduling
{
    public const string JobsPath = "/hangfire";

    public const string JobsPolicy = "secretariat-jobs";

    public static IServiceCollection AddCycleScheduling(this IServiceCollection services, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var jobs = options.Dashboard.Jobs;
        // Registered before AddHangfire, which only adds what is missing: the library's defaults are process-wide
        // (the last storage configured wins), and tests run several dashboards in one process.
        services.AddSingleton(_ => CycleJobStorage.Create(options));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IJobFilterProvider>(sp =>
        {
            // The retry filter asks for its log when it is made, so the log provider comes first.
            sp.GetRequiredService<IGlobalConfiguration>();
            return new CycleJobFilters(jobs, options.Database);
        });
        services.AddHangfire((sp, c) => c
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer((_, o) =>
        {
            o.WorkerCount = Math.Max(1, jobs.WorkerCount);
            o.SchedulePollingInterval = TimeSpan.FromMilliseconds(jobs.SchedulePollMilliseconds);
            o.ServerName = ServerNamePrefix();
            // A run cut off by a shutdown is taken up again at the next start (see CutOffRuns).
            o.ShutdownTimeout = TimeSpan.FromSeconds(5);
        });
        RunLinkRenderer.Register();
        services.AddSingleton<RunQueue>();
        services.AddSingleton<ScheduleBoard>();
        services.AddTransient<CycleRunJob>();
        services.AddAuthorizationBuilder()
            .AddPolicy(JobsPolicy, p => p.RequireAuthenticatedUser().RequireRole(DashboardApp.SecretariatRole));
        return services;
    }

    /// <summary>Names this machine's servers; the library adds the process id, by which a killed process's server is known gone.</summary>
    public static string ServerNamePrefix() => $"batchcycle-{Environment.MachineName.ToLowerInvariant()}";

    /// <summary>Registers the schedules, takes up runs cut off by the last stop, and mounts the job dashboard.</summary>
    public static WebApplication MapCycleScheduling(this WebApplication app, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        app.Services.GetRequiredService<ScheduleBoard>().Synchronise();
        CutOffRuns.TakeUp(options, app.Services.GetRequiredService<JobStorage>(), app.Services.GetRequiredService<IBackgroundJobClient>());
        app.Use(JobsPageHeaders);
        app.MapHangfireDashboard(JobsPath, new JobDashboardOptions
        {
            // No library filter (its default admits local requests only): the endpoint's policy decides who enters.
            Authorization = [],
            AsyncAuthorization = [],
            IgnoreAntiforgeryToken = false,
            AppPath = "/runs",
            DashboardTitle = "BatchCycle 作业 Jobs",
            DisplayStorageConnectionString = false,
            StatsPollingInterval = 5_000,
        }).RequireAuthorization(JobsPolicy);
        return app;
    }

    /// <summary>The job dashboard's pages carry inline styles; only they may, and only styles.</summary>
    private static Task JobsPageHeaders(HttpContext context, Func<Task> next)
    {
        if (context.Request.Path.StartsWithSegments(JobsPath, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.ContentSecurityPolicy =
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";
        }

        return next();
    }
}
