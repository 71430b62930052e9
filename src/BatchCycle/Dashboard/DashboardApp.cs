using System.Text.Encodings.Web;
using System.Text.Unicode;
using BatchCycle.Dashboard.Accounts;
using BatchCycle.Dashboard.Reminders;
using BatchCycle.Dashboard.Runs;
using BatchCycle.Dashboard.Scheduling;
using BatchCycle.Dashboard.Uploads;
using BatchCycle.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.WebEncoders;
using Serilog;

namespace BatchCycle.Dashboard;

/// <summary>
/// Builds the dashboard: Razor Pages for the secretariat, a public verification page, and the job scheduler
/// that runs the pipeline (see <see cref="CycleScheduling"/>). <c>serve</c> runs it on Kestrel; tests build the same app on a test server.
/// </summary>
public static class DashboardApp
{
    public const string SecretariatRole = "secretariat";

    public const string UploadPath = "/upload";

    public static WebApplication Build(DashboardOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The pages are compiled into this assembly; naming it lets a host started from a test find them.
            ApplicationName = typeof(DashboardApp).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Configuration.AddConfiguration(options.Configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(new LoggerConfiguration()
            .ReadFrom.Configuration(options.Configuration)
            // A taken address is reported by serve in one line; the host's own log of it carries a stack trace.
            .Filter.ByExcluding(e => e.Exception is IOException && e.Properties.TryGetValue("SourceContext", out var source)
                && source.ToString() == "\"Microsoft.Extensions.Hosting.Internal.Host\"")
            .WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger(), dispose: true);
        builder.WebHost.UseUrls(options.Dashboard.Urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        AddServices(builder.Services, options);
        configure?.Invoke(builder);

        options.Database.Migrate();
        var interrupted = BatchCycle.Runs.InterruptedRuns.MarkAsync(options.Database, CancellationToken.None).GetAwaiter().GetResult();

        var app = builder.Build();
        if (interrupted > 0)
        {
            app.Logger.LogWarning("{Count} run(s) were cut off before the dashboard started; they are marked interrupted and can be resumed", interrupted);
        }

        UsePipeline(app, options);
        return app;
    }

    private static void AddServices(IServiceCollection services, DashboardOptions options)
    {
        var zone = options.Dashboard.ResolveTimeZone();
        services.AddSingleton(options);
        services.AddSingleton(options.Database);
        // Chinese text stays readable in the HTML instead of becoming character references.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton(options.Dashboard);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new DashboardClock(zone, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<CycleInbox>();
        services.AddSingleton<IReminderSender, OutboxReminderSender>();

        services.AddCycleScheduling(options);

        AddSignIn(services, options);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "batchcycle.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "batchcycle.messages";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = options.Dashboard.MaxUploadBytes;
            o.ValueCountLimit = options.Dashboard.MaxUploadFiles + UploadForm.FieldAllowance;
        });
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Dashboard/Pages";
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/Verify");
            o.Conventions.AllowAnonymousToPage("/Status");
        });
    }

    /// <summary>The secretariat's sign-in: a cookie session whose stamp is checked on every request, and a policy that every page not named public requires.</summary>
    private static void AddSignIn(IServiceCollection services, DashboardOptions options)
    {
        // Sign-in cookies and anti-forgery tokens are protected with keys kept in the data folder, so they survive
        // a restart of serve wherever it runs (the default folder depends on the account's home directory).
        services.AddDataProtection()
            .SetApplicationName("BatchCycle")
            .PersistKeysToFileSystem(new DirectoryInfo(options.KeysFolder));
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.AccessDeniedPath = "/signin";
                o.Cookie.Name = "batchcycle.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(options.Dashboard.SessionSlidingHours);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = Sessions.ValidateAsync;
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(SecretariatRole).Build());
    }

    private static void UsePipeline(WebApplication app, DashboardOptions options)
    {
        app.UseExceptionHandler("/status/500");
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.Use(SecurityHeaders);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(DashboardApp).Assembly, "BatchCycle.Dashboard.Assets"),
            RequestPath = "/assets",
        });
        app.Use((context, next) => LimitUploadSize(context, next, options.Dashboard.MaxUploadBytes));
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(UploadForm.ReadFirstAsync);
        app.MapCycleScheduling(options);
        app.MapRazorPages();
        app.MapGet("/runs/{id:long}/status", RunStatusAsync);
        app.MapGet("/runs/{id:long}/files", DownloadAsync);
        app.MapGet("/runs/{id:long}/files.zip", RunArchive.DownloadAsync);
    }

    /// <summary>No framing, no scripts or styles from elsewhere or inline, no content sniffing.</summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return next();
    }

    /// <summary>
    /// Refuses an upload larger than the setting before its body is read; browsers send the size up front.
    /// A body without a declared size is cut off by the server's own limit, set here for this request only.
    /// </summary>
    private static Task LimitUploadSize(HttpContext context, Func<Task> next, long maxBytes)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(UploadPath, StringComparison.OrdinalIgnoreCase))
        {
            if (context.Request.ContentLength > maxBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = maxBytes;
            }
        }

        return next();
    }

    private static async Task<IResult> RunStatusAsync(long id, BatchCycleDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var run = await RunViews.FindAsync(db, id, cancellationToken);
        return run is null ? Results.NotFound() : Results.Json(RunProgress.Of(run));
    }

    /// <summary>Serves one recorded file of a run (see <see cref="RunFiles"/>), always as an attachment so the browser never renders it.</summary>
    private static async Task<IResult> DownloadAsync(long id, string? path, BatchCycleDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var run = await RunViews.FindAsync(db, id, cancellationToken);
        var file = run is null ? null : await RunFiles.OpenAsync(db, run, path, cancellationToken);
        return file is null
            ? Results.NotFound()
            : Results.File(file.Content, "application/octet-stream", file.FileName);
    }
}
