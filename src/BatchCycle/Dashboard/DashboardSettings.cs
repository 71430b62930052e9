using System.Globalization;
using BatchCycle.Cycle;
using BatchCycle.Dashboard.Scheduling;
using Microsoft.Extensions.Configuration;

namespace BatchCycle.Dashboard;

/// <summary>The <c>BatchCycle:Dashboard</c> section of appsettings.json: where the dashboard listens and what it accepts.</summary>
public sealed class DashboardSettings
{
    public const string SectionName = "BatchCycle:Dashboard";

    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Holds the cycle inboxes (<c>inbox/&lt;year&gt;</c>), the upload records and the output of dashboard runs (<c>runs/</c>).</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>The secretariat works in Hong Kong time; dates and times on the pages and "today" of a run use it.</summary>
    public string TimeZone { get; set; } = "Asia/Hong_Kong";

    /// <summary>Largest upload request; a browser sends its size up front, so larger ones are refused before reading.</summary>
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Most files one upload may hold; the upload page states it.</summary>
    public int MaxUploadFiles { get; set; } = 100;

    /// <summary>An .xlsx is a zip: the sum of its entries' uncompressed sizes may not exceed this (zip-bomb guard).</summary>
    public long MaxUnpackedBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Most entries an .xlsx may hold; real workbooks have a few dozen.</summary>
    public int MaxZipEntries { get; set; } = 1000;

    /// <summary>Failed sign-ins of one user name, from any addresses, before that name is locked.</summary>
    public int SignInMaxFailures { get; set; } = 5;

    /// <summary>Failed sign-ins from one address, whatever the user names, before that address is locked (one password tried on many names).</summary>
    public int SignInMaxFailuresPerAddress { get; set; } = 20;

    /// <summary>The window in which failures count, and how long the lock then lasts.</summary>
    public int SignInLockMinutes { get; set; } = 15;

    /// <summary>A session ends after this long without a request (each request extends it).</summary>
    public int SessionSlidingHours { get; set; } = 8;

    /// <summary>A session ends this long after sign-in, however busy it is.</summary>
    public int SessionAbsoluteHours { get; set; } = 12;

    /// <summary>How the background jobs that carry out the runs are worked, retried and polled.</summary>
    public JobSettings Jobs { get; set; } = new();

    public static DashboardSettings From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<DashboardSettings>() ?? new DashboardSettings();

    public TimeZoneInfo ResolveTimeZone() => Zone(TimeZone, "BatchCycle:Dashboard:TimeZone");

    internal static TimeZoneInfo Zone(string id, string setting)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new SettingsException($"{setting} '{id}' is not a time zone this machine knows (use an IANA id such as Asia/Hong_Kong).");
        }
    }
}

/// <summary>One entry of <c>BatchCycle:Schedules</c>: a cron expression in an explicit time zone and what to run.</summary>
public sealed class ScheduleSettings
{
    public const string SectionName = "BatchCycle:Schedules";

    /// <summary>The only action so far: a full cycle run (import, screening, workbook, certificates, reminder drafts).</summary>
    public const string RunAction = "run";

    public string Name { get; set; } = "";

    /// <summary>Cron: minutes, hours, day of month, month, day of week, optionally after a first field of seconds.</summary>
    public string Cron { get; set; } = "";

    public string TimeZone { get; set; } = "Asia/Hong_Kong";

    public string Action { get; set; } = RunAction;

    /// <summary>The inbox the run imports; relative to the data folder (<c>--data</c>), e.g. <c>inbox/2025</c>.</summary>
    public string Input { get; set; } = "";

    /// <summary>The cycle year; BatchCycle:Year when unset.</summary>
    public int? Year { get; set; }

    public string? Description { get; set; }

    /// <summary>Reads and checks every schedule, so that a typo stops <c>serve</c> with a message rather than a silent non-run.</summary>
    public static IReadOnlyList<ScheduleSettings> From(IConfiguration configuration)
    {
        var schedules = configuration.GetSection(SectionName).Get<List<ScheduleSettings>>() ?? [];
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < schedules.Count; i++)
        {
            schedules[i].Validate(i, names);
        }

        return schedules;
    }

    public TimeZoneInfo ResolveTimeZone() => DashboardSettings.Zone(TimeZone, $"Schedule '{Name}' TimeZone");

    /// <summary>The input folder as the run reads it: relative to the data folder, whatever the working directory.</summary>
    public string InputFolder(string dataFolder) => Path.GetFullPath(Path.Combine(dataFolder, Input));

    /// <summary>The message for a cron expression the job scheduler refuses (it checks the fields' values).</summary>
    public string CronProblem(int index) =>
        $"{SectionName}:{index} ('{Name}') has Cron '{Cron}', which is not a cron expression (five fields, or six with seconds first, e.g. '0 0 2 * * ?' for 02:00 every day).";

    private void Validate(int index, HashSet<string> names)
    {
        var where = string.Create(CultureInfo.InvariantCulture, $"{SectionName}:{index}");
        if (string.IsNullOrWhiteSpace(Name) || !names.Add(Name))
        {
            throw new SettingsException($"{where} needs a Name that no other schedule uses.");
        }

        if (Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is not (5 or 6))
        {
            throw new SettingsException(CronProblem(index));
        }

        if (Action != RunAction)
        {
            throw new SettingsException($"{where} ('{Name}') has Action '{Action}'; the only action is '{RunAction}' (a full cycle run, which also drafts the reminders).");
        }

        if (string.IsNullOrWhiteSpace(Input))
        {
            throw new SettingsException($"{where} ('{Name}') needs an Input folder (e.g. inbox/2025, under the data folder).");
        }

        ResolveTimeZone();
    }
}
