using System.Globalization;

namespace BatchCycle.Dashboard;

/// <summary>The secretariat's clock: the database keeps UTC, the pages and a run's "today" use the dashboard's time zone.</summary>
public sealed class DashboardClock(TimeZoneInfo zone, TimeProvider time)
{
    public TimeZoneInfo Zone { get; } = zone;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(UtcNow, Zone));

    /// <summary>EF Core reads SQLite dates back unspecified; every date the pipeline writes is UTC.</summary>
    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public string Format(DateTime? utc) => utc is { } value ? Local(value).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    public string Format(DateTimeOffset? instant) => instant is { } value ? Format(value.UtcDateTime) : "—";

    /// <summary>A folder name for a run's output that sorts by time and never collides with another run's.</summary>
    public string RunFolderName() =>
        Local(UtcNow).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));

    public static string Duration(DateTime? start, DateTime? end)
    {
        if (start is null || end is null)
        {
            return "—";
        }

        var span = end.Value - start.Value;
        return span.TotalHours >= 1
            ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : span.TotalSeconds >= 60 ? span.ToString(@"m\:ss", CultureInfo.InvariantCulture) : span.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture);
    }
}
