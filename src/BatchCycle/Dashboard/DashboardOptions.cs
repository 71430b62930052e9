using BatchCycle.Cycle;
using BatchCycle.Pipeline;
using BatchCycle.Runs;
using BatchCycle.Storage;
using Microsoft.Extensions.Configuration;

namespace BatchCycle.Dashboard;

/// <summary>Everything <see cref="DashboardApp.Build"/> needs; <c>serve</c> makes it from settings, tests make their own.</summary>
public sealed class DashboardOptions
{
    public required IConfiguration Configuration { get; init; }

    public required BatchCycleSettings Settings { get; init; }

    public required DashboardSettings Dashboard { get; init; }

    public required IReadOnlyList<ScheduleSettings> Schedules { get; init; }

    /// <summary>Where the database is; also registered on its own for the pages (see <see cref="BatchCycleDatabase"/>).</summary>
    public required BatchCycleDatabase Database { get; init; }

    /// <summary>Absolute; see <see cref="DashboardSettings.DataFolder"/>.</summary>
    public required string DataFolder { get; init; }

    /// <summary>The stages of a run; the pipeline's own unless a test needs a stage it can hold.</summary>
    public Func<IReadOnlyList<IPipelineStage>> Stages { get; init; } = PipelineStages.Create;

    public string InboxFolder(int year) => Path.Combine(DataFolder, "inbox", year.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Upload records live beside, not inside, the inbox: the import reads every file of the inbox.</summary>
    public string UploadRecordsFolder(int year) => Path.Combine(DataFolder, "uploads", year.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string RunsFolder => Path.Combine(DataFolder, "runs");

    /// <summary>The keys that protect sign-in cookies and anti-forgery tokens.</summary>
    public string KeysFolder => ProtectedPathsOf(DataFolder)[1];

    /// <summary>What no run's output folder may contain (checked by the pipeline besides the database): downloads come from there.</summary>
    public IReadOnlyList<string> ProtectedPaths => ProtectedPathsOf(DataFolder);

    public static IReadOnlyList<string> ProtectedPathsOf(string dataFolder) => [Path.GetFullPath(dataFolder), Path.Combine(Path.GetFullPath(dataFolder), "keys")];

    /// <summary>Options from appsettings.json, with the command line's <c>--db</c> and <c>--data</c> winning.</summary>
    public static DashboardOptions FromConfiguration(IConfiguration configuration, string? database, string? dataFolder)
    {
        var settings = AppConfiguration.Settings(configuration);
        var dashboard = DashboardSettings.From(configuration);
        // Checked here so that a wrong zone stops serve with a message before anything starts.
        dashboard.ResolveTimeZone();
        return new DashboardOptions
        {
            Configuration = configuration,
            Settings = settings,
            Dashboard = dashboard,
            Schedules = ScheduleSettings.From(configuration),
            Database = BatchCycleDatabase.Parse(database ?? settings.Database),
            DataFolder = Path.GetFullPath(dataFolder ?? dashboard.DataFolder),
        };
    }
}
