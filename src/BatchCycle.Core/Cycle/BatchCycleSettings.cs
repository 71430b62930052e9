using System.Globalization;
using BatchCycle.Messages;
using BatchCycle.Pipeline;

namespace BatchCycle.Cycle;

/// <summary>The <c>BatchCycle</c> section of appsettings.json.</summary>
public sealed class BatchCycleSettings
{
    public const string SectionName = "BatchCycle";

    /// <summary>The cycle a run screens when no <c>--year</c> is given.</summary>
    public int Year { get; set; }

    /// <summary>A SQLite database file, relative to the working directory, or a PostgreSQL connection string (see <c>BatchCycleDatabase</c>).</summary>
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

    /// <summary>The cycle's time zone (IANA id): the one the secretariat works in, shown in the Date of its e-mails.</summary>
    public string TimeZone { get; set; } = "Asia/Hong_Kong";

    /// <summary>
    /// The Chinese of the results (docs/outputs.md, "Languages"): <c>zh-Hans</c> (the guide's), <c>zh-Hant</c> (Hong Kong), or
    /// <c>en</c> for a panel workbook in English only. The Chinese columns of the result files are always Chinese.
    /// </summary>
    public string Language { get; set; } = "zh-Hans";

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

    public TimeZoneInfo CycleTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new SettingsException($"BatchCycle:TimeZone '{TimeZone}' is not a time zone this machine knows (use an IANA id such as Asia/Hong_Kong).");
        }
    }

    /// <summary>The cultures the panel workbook is written in, Chinese first (docs/outputs.md): one for <c>en</c>.</summary>
    public IReadOnlyList<CultureInfo> WorkbookCultures() => Language.Trim() switch
    {
        var zh when zh.Equals("zh-Hans", StringComparison.OrdinalIgnoreCase) => [Catalogue.Simplified, Catalogue.English],
        var zh when zh.Equals("zh-Hant", StringComparison.OrdinalIgnoreCase) => [Catalogue.Traditional, Catalogue.English],
        var en when en.Equals("en", StringComparison.OrdinalIgnoreCase) => [Catalogue.English],
        _ => throw new SettingsException($"BatchCycle:Language is '{Language}'; use zh-Hans, zh-Hant or en. 语言设定须为 zh-Hans、zh-Hant 或 en。"),
    };

    /// <summary>The Chinese of the <c>…Zh</c> columns of the result files: Traditional for <c>zh-Hant</c>, otherwise Simplified.</summary>
    public CultureInfo ChineseCulture() => WorkbookCultures()[0] is var first && Catalogue.IsChinese(first) ? first : Catalogue.Simplified;

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
public sealed class SettingsException(string message) : UserFacingException(message);
