using System.Globalization;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Screening;

namespace BatchCycle.Panel;

/// <summary>An input file of the run as the Summary sheet names it: the name as given and its SHA-256 checksum.</summary>
public sealed record PanelSourceFile(string FileName, string Sha256);

/// <summary>
/// Everything the panel workbook shows: the cycle, when it was made and from which files, every screened
/// application with its requirement lines, the decisions already given (pre-filled so the panel continues where
/// it left off) and the rows that could not be read.
/// </summary>
public sealed record PanelWorkbook(
    CycleCalendar Calendar,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<PanelSourceFile> SourceFiles,
    IReadOnlyList<ImportIssue> ImportIssues,
    IReadOnlyList<ApplicationScreening> Screenings,
    IReadOnlyDictionary<string, PanelDecision> Decisions)
{
    public int Year => Calendar.Year;

    /// <summary>The languages of the workbook's texts, Chinese first (<c>BatchCycle:Language</c>); English alone for <c>en</c>.</summary>
    public IReadOnlyList<CultureInfo> Cultures { get; init; } = [Catalogue.Simplified, Catalogue.English];
}
