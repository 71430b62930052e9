using BatchCycle.Cycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serilog;

namespace BatchCycle;

/// <summary>Settings and logging shared by every verb.</summary>
public static class AppConfiguration
{
    /// <summary>
    /// The program folder's appsettings.json, then the working directory's (so a checkout's file wins), then
    /// environment variables such as <c>BATCHCYCLE_BatchCycle__Smtp__Port</c>.
    /// </summary>
    public static IConfigurationRoot Load() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddJsonFile(Path.GetFullPath("appsettings.json"), optional: true)
        .AddEnvironmentVariables("BATCHCYCLE_")
        .Build();

    public static BatchCycleSettings Settings(IConfiguration configuration)
    {
        var settings = configuration.GetSection(BatchCycleSettings.SectionName).Get<BatchCycleSettings>();
        return settings ?? throw new SettingsException("appsettings.json has no BatchCycle section.");
    }

    /// <summary>
    /// Log lines go to standard error so that standard output carries only the run's own report; below
    /// <paramref name="consoleLevel"/> they are not shown (a terminal showing progress bars).
    /// </summary>
    public static ILoggerFactory Logging(IConfiguration configuration, Serilog.Events.LogEventLevel consoleLevel = Serilog.Events.LogEventLevel.Verbose)
    {
        var serilog = new LoggerConfiguration()
            .ReadFrom.Configuration(configuration)
            .WriteTo.Console(
                restrictedToMinimumLevel: consoleLevel,
                standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
        return LoggerFactory.Create(b => b.AddSerilog(serilog, dispose: true));
    }
}
