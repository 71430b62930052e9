using System.Globalization;
using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Messages;
using BatchCycle.Reminders;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace BatchCycle.Cli;

/// <summary>The tables that end a run on the terminal: outcomes per label type, what was issued and drafted, the files, the warnings.</summary>
public static class RunReportView
{
    /// <summary>Stage warnings shown in full; the rest are counted, and all are in run-summary.json.</summary>
    private const int ShownStageWarnings = 12;

    private static readonly (string Outcome, string Key)[] Outcomes =
        [("Eligible", "OutcomeEligible"), ("Ineligible", "OutcomeIneligible"), ("NeedsReview", "OutcomeNeedsReview")];

    public static void Write(IAnsiConsole console, TerminalText text, RunReport report, string reminderRound)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(report);
        console.WriteLine();
        console.Write(new Rule(Markup.Escape(
            $"{text.Zh("SummaryTitle", report.RunId, report.Year, Days.Chinese(report.AsOf))}  " +
            TerminalText.En("SummaryTitle", report.RunId, report.Year, Days.English(report.AsOf)))).LeftJustified());
        console.Write(OutcomeTable(text, report));
        console.Write(CountTable(text, report));
        WriteFiles(console, text, report, reminderRound);
        if (Warnings(text, report) is { } warnings)
        {
            console.Write(warnings);
        }
    }

    private static Table OutcomeTable(TerminalText text, RunReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn(Header(text, "ColumnLabelType"));
        foreach (var (_, key) in Outcomes)
        {
            table.AddColumn(Header(text, key).RightAligned());
        }

        table.AddColumn(Header(text, "ColumnTotal").RightAligned());
        foreach (var row in report.Outcomes)
        {
            var name = Enum.TryParse<LabelType>(row.LabelType, out var type) && Enum.IsDefined(type)
                ? $"{row.LabelType} {LabelName(text, type)}\n{row.NameEn}"
                : row.LabelType;
            List<IRenderable> cells = [new Text(name), .. Outcomes.Select(o => Number(row.Counts.GetValueOrDefault(o.Outcome))), Number(row.Total)];
            table.AddRow(cells);
        }

        // The totals are the screening stage's own counts, as run-summary.json records them.
        table.AddRow(
            new Text(Two(text, "AllLabelTypes"), new Style(decoration: Decoration.Bold)),
            Number(report.Count("screening", "eligible")),
            Number(report.Count("screening", "ineligible")),
            Number(report.Count("screening", "needsReview")),
            Number(report.Count("screening", "applications")));
        return table;
    }

    private static Table CountTable(TerminalText text, RunReport report)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(Header(text, "ColumnItem"))
            .AddColumn(Header(text, "ColumnCount").RightAligned());
        foreach (var (key, stage, count) in new[]
                 {
                     ("CertificatesIssued", "certificates", "issued"),
                     ("CertificatesOfCycle", "certificates", "certificates"),
                     ("RemindersDue", "reminders", "due"),
                     ("RemindersDrafted", "reminders", "drafted"),
                     ("RemindersNoEmail", "reminders", "noEmail"),
                     ("ImportIssues", "import", "issues"),
                 })
        {
            table.AddRow(new Text(text.Both(key)), Number(report.Count(stage, count)));
        }

        return table;
    }

    /// <summary>One line per file, written as is rather than in a table, so a path is never cut and copies whole.</summary>
    private static void WriteFiles(IAnsiConsole console, TerminalText text, RunReport report, string reminderRound)
    {
        console.Write(new Rule(Markup.Escape(text.Both("ColumnFile"))).LeftJustified());
        foreach (var (key, parts) in new (string, string[])[]
                 {
                     ("FileWorkbook", ["panel", string.Create(CultureInfo.InvariantCulture, $"{report.Year}-panel.xlsx")]),
                     ("FileScreeningResults", ["results", "screening-results.csv"]),
                     ("FileRequirements", ["results", "requirements.csv"]),
                     ("FileImportIssues", ["results", "import-issues.csv"]),
                     ("FileCertificates", ["certificates"]),
                     ("FileReminders", ReminderRound.FolderParts(reminderRound, reminderRound)),
                     ("FileRunSummary", ["run-summary.json"]),
                 })
        {
            var path = Path.GetFullPath(Path.Combine([report.OutFolder, .. parts]));
            if (File.Exists(path) || Directory.Exists(path))
            {
                console.Profile.Out.Writer.WriteLine($"  {text.Both(key)}: {path}");
            }
        }
    }

    private static IRenderable? Warnings(TerminalText text, RunReport report)
    {
        var lines = new List<string>();
        if (report.LoopbackVerifyUrl is { } url)
        {
            lines.Add(text.Zh("WarningLoopback", url));
            lines.Add(TerminalText.En("WarningLoopback", url));
        }

        if (report.DeadlinePassed is { } closes)
        {
            lines.Add(text.Zh("WarningDeadlinePast", Days.Chinese(closes), report.Year, Days.Chinese(report.AsOf)));
            lines.Add(TerminalText.En("WarningDeadlinePast", Days.English(closes), report.Year, Days.English(report.AsOf)));
        }

        lines.AddRange(report.StageWarnings.Take(ShownStageWarnings));
        if (report.StageWarnings.Count > ShownStageWarnings)
        {
            lines.Add($"{text.Zh("WarningsMore", report.StageWarnings.Count - ShownStageWarnings)} {TerminalText.En("WarningsMore", report.StageWarnings.Count - ShownStageWarnings)}");
        }

        if (lines.Count == 0)
        {
            return null;
        }

        return new Spectre.Console.Panel(new Rows(lines.Select(l => new Text("• " + l))))
            .Header(Markup.Escape(text.Both("WarningsTitle")))
            .BorderColor(Color.Yellow)
            .RoundedBorder();
    }

    /// <summary>The label's Chinese name in the terminal's variant of Chinese.</summary>
    private static string LabelName(TerminalText text, LabelType type) =>
        text.Chinese.Name == "zh-Hant" ? HolderScript.Traditional.LabelName(type) : LabelTypes.ChineseName(type);

    private static TableColumn Header(TerminalText text, string key) => new(new Text(Two(text, key), new Style(decoration: Decoration.Bold)));

    /// <summary>Chinese above English, so that columns stay narrow.</summary>
    private static string Two(TerminalText text, string key) => $"{text.Zh(key)}\n{TerminalText.En(key)}";

    private static Text Number(long value) => new(value.ToString("N0", CultureInfo.InvariantCulture));
}
