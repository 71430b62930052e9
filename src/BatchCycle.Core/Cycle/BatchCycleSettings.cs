using System.Globalization;
using BatchCycle.Reminders;

namespace BatchCycle.Cycle;

/// <summary>The <c>BatchCycle</c> section of appsettings.json.</summary>
public sealed class BatchCycleSettings
{
    public const string SectionName = "BatchCycle";

    /// <summary>The cycle a run screens when no <c>--year</c> is given.</summary>
    public int Year { get; set; }

    /// <summary>SQLite database file, relative to the working directory.</summary>
    public string Database { get; set; } = "data/batchcycle.db";

    /// <summary>Per-year dates; the key is the year.</summary>
    public Dictionary<string, CycleDates> Cycles { get; set; } = [];

    /// <summary>Certificate serial format; placeholders {Year}, {Code}, {Seq:0000}.</summary>
    public string SerialFormat { get; set; } = "{Year}-{Code}-{Seq:0000}";

    /// <summary>Base URL of the dashboard, used for the verification link printed on certificates.</summary>
    public string VerifyBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Folder of the editable templates; relative paths are tried against the working directory, then the program folder.</summary>
    public string Templates { get; set; } = "templates";

    /// <summary>The Chromium executable used to print PDFs; when missing, certificates stay HTML.</summary>
    public string Chromium { get; set; } = "/usr/bin/chromium";

    public SecretariatContact Secretariat { get; set; } = new();

    public SmtpSettings Smtp { get; set; } = new();

    public ReminderSettings Reminders { get; set; } = new();

    public CycleCalendar CalendarFor(int year)
    {
        if (!Cycles.TryGetValue(year.ToString(CultureInfo.InvariantCulture), out var dates))
        {
            throw new SettingsException(
                $"appsettings.json has no dates for the {year} cycle: add BatchCycle:Cycles:{year} with Opens and Closes.");
        }

        return new CycleCalendar(year, dates.Opens, dates.Closes);
    }

    public CycleDates DatesFor(int year) =>
        Cycles.TryGetValue(year.ToString(CultureInfo.InvariantCulture), out var dates)
            ? dates
            : throw new SettingsException($"appsettings.json has no dates for the {year} cycle.");

    /// <summary>Resolves the templates folder: the working directory's copy wins so the secretariat's edits apply at once.</summary>
    public string TemplatesFolder()
    {
        if (Path.IsPathRooted(Templates))
        {
            return Templates;
        }

        var local = Path.GetFullPath(Templates);
        return Directory.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, Templates);
    }
}

public sealed class CycleDates
{
    public DateOnly Opens { get; set; }

    public DateOnly Closes { get; set; }

    /// <summary>The day certificates of this cycle are awarded (the ceremony); when unset, the run's as-of date.</summary>
    public DateOnly? AwardedOn { get; set; }
}

public sealed class SecretariatContact
{
    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string Email { get; set; } = "";

    public string Phone { get; set; } = "";

    public string AddressZh { get; set; } = "";

    public string AddressEn { get; set; } = "";

    /// <summary>The name in Traditional Chinese, for letters to Hong Kong holders; <see cref="NameZh"/> when blank.</summary>
    public string NameZhHant { get; set; } = "";

    /// <summary>The address in Traditional Chinese, for letters to Hong Kong holders; <see cref="AddressZh"/> when blank.</summary>
    public string AddressZhHant { get; set; } = "";
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "";

    public string FromName { get; set; } = "";

    public int MaxAttempts { get; set; } = 5;
}

/// <summary>A setting the user must fix; reported as a message, never as a stack trace.</summary>
public sealed class SettingsException(string message) : Runs.UserFacingException(message);
