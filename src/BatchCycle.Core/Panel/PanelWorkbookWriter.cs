using BatchCycle.Cycle;
using BatchCycle.Files;
using BatchCycle.Import;
using BatchCycle.Screening;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchCycle.Panel;

/// <summary>
/// Writes <c>panel/&lt;Year&gt;-panel.xlsx</c> (docs/outputs.md, "The panel workbook"): a Summary sheet, the legend of the
/// requirements, one sheet per label type with a Decision drop-down and Remarks for the panel, and the import issues.
/// Every sheet prints for a meeting (<see cref="SheetStream"/>); texts come from the message catalogue in the
/// languages of <see cref="PanelWorkbook.Cultures"/>.
/// <para>
/// Sheets are streamed with <see cref="XlsxWriter"/> straight into the zip, so a cycle of any size is written
/// without building the sheet in memory. Every value that comes from the secretariat's files is
/// written as an inline string, never as a formula or a number, so <c>=1+1</c> or <c>-2</c> shows as typed.
/// </para>
/// <para>
/// The label-type sheets are the panel-decisions input of the next run: their header row has the
/// <c>ApplicationId</c>, <c>Decision 决定</c> and <c>Remarks 备注</c> columns (a bilingual header names its column,
/// see <c>InputColumn</c>), and no column that would also make the sheet look like an application or procurement
/// sheet (no <c>SubmittedOn</c>, <c>LabelType</c> or <c>ApplicantName</c>), which the import would reject as ambiguous.
/// </para>
/// </summary>
public static class PanelWorkbookWriter
{
    // The import skips these three sheets of a returned workbook by name (CycleImport), so the names stay as they are.
    public const string SummarySheet = "Summary";
    public const string RequirementsSheet = "Requirements 要求";
    public const string ImportIssuesSheet = "Import issues";
    public const string ApplicationIdHeader = "ApplicationId";
    public const string DecisionHeader = "Decision 决定";
    public const string RemarksHeader = "Remarks 备注";

    /// <summary>The choices of the Decision drop-down, as the panel-decisions import reads them (docs/inputs.md).</summary>
    public static IReadOnlyList<string> DecisionChoices { get; } = [.. Enum.GetNames<PanelDecisionValue>()];

    /// <summary>The cell of the Summary sheet that holds the generated-at stamp, the one value that differs between two runs.</summary>
    public const string GeneratedAtCell = "B2";

    /// <summary>Short, valid sheet names (at most 31 characters, none of <c>[]:*?/\</c>).</summary>
    public static string SheetName(LabelType type) => type switch
    {
        LabelType.M => "M 制造业伙伴",
        LabelType.E => "E 制造业优越伙伴",
        LabelType.S => "S 供应链伙伴",
        LabelType.T => "T 技术服务伙伴",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown label type."),
    };

    /// <summary>The mark shown for a requirement result; a requirement not checked is left blank.</summary>
    public static string Mark(RequirementStatus status) => status switch
    {
        RequirementStatus.Met => "✓",
        RequirementStatus.NotMet => "✗",
        RequirementStatus.Unknown => "?",
        RequirementStatus.NotEvaluated => "–",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown requirement status."),
    };

    /// <summary>Writes the workbook to <paramref name="path"/> whole or not at all, so a crash never leaves half a workbook.</summary>
    public static void Write(PanelWorkbook workbook, string path) => AtomicFile.Write(path, stream => Write(workbook, stream), AtomicFile.LargeBufferSize);

    /// <summary>Writes the workbook to <paramref name="stream"/>, which needs to be writable only (a response body will do).</summary>
    public static void Write(PanelWorkbook workbook, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(stream);
        var texts = new PanelTexts(workbook.Cultures);

        var byType = workbook.Screenings
            .GroupBy(s => s.LabelType)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.ApplicationId, StringComparer.Ordinal).ToList());

        using var package = new XlsxWriter(stream, PanelStyles.Create(), leaveOpen: true);
        var sheets = new List<(string Name, string? FilterRange)>();
        void Sheet(string name, Func<XlsxSheet, string?> write)
        {
            using var sheet = package.AddSheet(name);
            sheets.Add((name, write(sheet)));
        }

        Sheet(SummarySheet, sheet =>
        {
            Panel.SummarySheet.Write(sheet, texts, workbook, byType);
            return null;
        });
        Sheet(RequirementsSheet, sheet =>
        {
            Panel.RequirementsSheet.Write(sheet, texts);
            return null;
        });
        foreach (var type in LabelTypes.All)
        {
            Sheet(SheetName(type), sheet => LabelSheet.Write(sheet, texts, byType.GetValueOrDefault(type) ?? [], workbook.Decisions));
        }

        Sheet(ImportIssuesSheet, sheet => Panel.SummarySheet.WriteIssues(sheet, texts, workbook.ImportIssues));
        DefineNames(package, sheets);
    }

    /// <summary>The cell text as stored (see <see cref="XlsxText.Escape"/>).</summary>
    internal static string EscapeText(string value) => XlsxText.Escape(value);

    private static void DefineNames(XlsxWriter package, IReadOnlyList<(string Name, string? FilterRange)> sheets)
    {
        for (var i = 0; i < sheets.Count; i++)
        {
            if (sheets[i] is (var name, { } filterRange))
            {
                // Excel keeps the range of a sheet's filter in this hidden name; without it Excel rebuilds it on open.
                package.DefineName(new DefinedName($"'{name}'!{AbsoluteRange(filterRange)}")
                {
                    Name = "_xlnm._FilterDatabase",
                    LocalSheetId = (uint)i,
                    Hidden = true,
                });

                // The print titles: the header row is printed again at the top of every page.
                package.DefineName(new DefinedName($"'{name}'!$1:$1") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
            }
        }
    }

    private static string AbsoluteRange(string range) =>
        string.Join(':', range.Split(':').Select(cell =>
        {
            var digits = cell.IndexOfAny("0123456789".ToCharArray());
            return $"${cell[..digits]}${cell[digits..]}";
        }));
}
