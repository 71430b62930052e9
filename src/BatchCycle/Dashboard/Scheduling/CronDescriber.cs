using System.Globalization;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>
/// Puts the common forms of a cron expression (with a first field of seconds) into words (English, then Chinese) for the schedules
/// page; any other form is shown as the expression itself, which is still exact.
/// </summary>
public static class CronDescriber
{
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private static readonly string[] DayNamesEn = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] DayNamesZh = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    public static string Describe(string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 6 or > 7 || (fields.Length == 7 && fields[6] != "*"))
        {
            return $"cron {cron}";
        }

        var (second, minute, hour, dayOfMonth, month, dayOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
        var anyDay = dayOfMonth is "*" or "?" && dayOfWeek is "*" or "?";
        if (second == "0" && anyDay && month == "*" && hour == "*" && Step(minute) is { } everyMinutes)
        {
            return $"Every {everyMinutes} minutes · 每{everyMinutes}分钟";
        }

        if (second != "0" || Number(minute) is not { } m || Number(hour) is not { } h)
        {
            return $"cron {cron}";
        }

        var time = string.Create(CultureInfo.InvariantCulture, $"{h:00}:{m:00}");
        if (anyDay && month == "*")
        {
            return $"Every day at {time} · 每天 {time}";
        }

        if (dayOfMonth == "?" && month == "*" && WeekDays(dayOfWeek) is { } days)
        {
            return $"{days.En} at {time} · {days.Zh} {time}";
        }

        if (dayOfWeek == "?" && Number(dayOfMonth) is { } day)
        {
            if (month == "*")
            {
                return $"Day {day} of every month at {time} · 每月{day}日 {time}";
            }

            if (MonthNumber(month) is { } monthNumber)
            {
                var monthName = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(monthNumber);
                return $"Every year on {day} {monthName} at {time} · 每年{monthNumber}月{day}日 {time}";
            }
        }

        return $"cron {cron}";
    }

    private static int? Number(string field) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static int? Step(string field) =>
        (field.StartsWith("0/", StringComparison.Ordinal) || field.StartsWith("*/", StringComparison.Ordinal)) ? Number(field[2..]) : null;

    private static int? MonthNumber(string field) =>
        Number(field) is { } n and >= 1 and <= 12 ? n
            : Array.IndexOf(Months, field.ToUpperInvariant()) is var i and >= 0 ? i + 1 : null;

    private static int? DayNumber(string field) =>
        Number(field) is { } n and >= 1 and <= 7 ? n - 1
            : Array.IndexOf(Days, field.ToUpperInvariant()) is var i and >= 0 ? i : null;

    private static (string En, string Zh)? WeekDays(string field)
    {
        var range = field.Split('-');
        if (range.Length == 2 && DayNumber(range[0]) is { } from && DayNumber(range[1]) is { } to)
        {
            return ($"{DayNamesEn[from]} to {DayNamesEn[to]}", $"{DayNamesZh[from]}至{DayNamesZh[to]}");
        }

        var days = field.Split(',').Select(DayNumber).ToList();
        if (days.Any(d => d is null))
        {
            return null;
        }

        return ("Every " + string.Join(", ", days.Select(d => DayNamesEn[d!.Value])), "每" + string.Join("、", days.Select(d => DayNamesZh[d!.Value])));
    }
}
