using System.IO.Packaging;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Screening;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchCycle.Panel;

/// <summary>
/// Writes <c>panel/&lt;Year&gt;-panel.xlsx</c> (OUTPUTS.md, "The panel workbook"): a Summary sheet, the legend of the
/// requirements, one sheet per label type with a Decision drop-down and Remarks for the panel, and the import issues.
/// Every sheet prints for a meeting (<see cref="SheetStream"/>); texts come from the message catalogue in the
/// languages of <see cref="PanelWorkbook.Cultures"/>.
/// <para>
/// Sheets are streamed with <see cref="OpenXmlWriter"/> straight into a write-only package, so a cycle of any
/// size is written without building the sheet in memory. Every value that comes from the secretariat's files is
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

    /// <summary>The choices of the Decision drop-down, as the panel-decisions import reads them (INPUTS.md).</summary>
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

    /// <summary>Writes the workbook to a temporary file beside <paramref name="path"/> and then moves it in place, so a crash never leaves half a workbook.</summary>
    public static void Write(PanelWorkbook workbook, string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".partial";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Write(workbook, stream);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes the workbook to <paramref name="stream"/>, which needs to be writable only (a response body will do).</summary>
    public static void Write(PanelWorkbook workbook, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(stream);
        var texts = new PanelTexts(workbook.Cultures);

        var byType = workbook.Screenings
            .GroupBy(s => s.LabelType)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.ApplicationId, StringComparer.Ordinal).ToList());

        // The package is opened write-only so that it is zipped entry after entry. The SDK's SpreadsheetDocument
        // insists on read access, which makes the zip keep every part in memory until it is closed; so the parts
        // are created here and their XML is streamed into them with OpenXmlWriter.
        using var package = Package.Open(stream, FileMode.Create, FileAccess.Write);

        WritePart(package, "/xl/styles.xml", ContentTypes.Styles, writer => writer.WriteElement(PanelStyles.Create()));

        var sheets = new List<(string Name, string? FilterRange)>();
        WritePart(package, SheetUri(sheets.Count), ContentTypes.Worksheet, writer => Panel.SummarySheet.Write(writer, texts, workbook, byType));
        sheets.Add((SummarySheet, null));
        WritePart(package, SheetUri(sheets.Count), ContentTypes.Worksheet, writer => Panel.RequirementsSheet.Write(writer, texts));
        sheets.Add((RequirementsSheet, null));

        foreach (var type in LabelTypes.All)
        {
            string? range = null;
            WritePart(package, SheetUri(sheets.Count), ContentTypes.Worksheet, writer => range = LabelSheet.Write(writer, texts, byType.GetValueOrDefault(type) ?? [], workbook.Decisions));
            sheets.Add((SheetName(type), range));
        }

        string? issuesRange = null;
        WritePart(package, SheetUri(sheets.Count), ContentTypes.Worksheet, writer => issuesRange = Panel.SummarySheet.WriteIssues(writer, texts, workbook.ImportIssues));
        sheets.Add((ImportIssuesSheet, issuesRange));

        var workbookPart = WritePart(package, "/xl/workbook.xml", ContentTypes.Workbook, writer => writer.WriteElement(BuildWorkbook(sheets)));
        workbookPart.CreateRelationship(new Uri("styles.xml", UriKind.Relative), TargetMode.Internal, Relationships.Styles, "rIdStyles");
        for (var i = 0; i < sheets.Count; i++)
        {
            workbookPart.CreateRelationship(new Uri(SheetUri(i)[4..], UriKind.Relative), TargetMode.Internal, Relationships.Worksheet, SheetRelationshipId(i));
        }

        package.CreateRelationship(workbookPart.Uri, TargetMode.Internal, Relationships.OfficeDocument, "rId1");
    }

    /// <summary>The cell text as stored (see <see cref="CellText.Escape"/>).</summary>
    internal static string EscapeText(string value) => CellText.Escape(value);

    private static string SheetUri(int index) => $"/xl/worksheets/sheet{index + 1}.xml";

    private static string SheetRelationshipId(int index) => $"rId{index + 1}";

    private static PackagePart WritePart(Package package, string uri, string contentType, Action<OpenXmlWriter> write)
    {
        var part = package.CreatePart(new Uri(uri, UriKind.Relative), contentType, CompressionOption.Normal);
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument();
        write(writer);
        writer.Close();
        return part;
    }

    private static class ContentTypes
    {
        public const string Workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
        public const string Worksheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
        public const string Styles = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
    }

    private static class Relationships
    {
        public const string OfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
        public const string Worksheet = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
        public const string Styles = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
    }

    private static Workbook BuildWorkbook(IReadOnlyList<(string Name, string? FilterRange)> sheets)
    {
        var sheetList = new Sheets();
        var definedNames = new DefinedNames();
        for (var i = 0; i < sheets.Count; i++)
        {
            var (name, filterRange) = sheets[i];
            sheetList.Append(new Sheet { Name = name, SheetId = (uint)(i + 1), Id = SheetRelationshipId(i) });
            if (filterRange is not null)
            {
                // Excel keeps the range of a sheet's filter in this hidden name; without it Excel rebuilds it on open.
                definedNames.Append(new DefinedName($"'{name}'!{AbsoluteRange(filterRange)}")
                {
                    Name = "_xlnm._FilterDatabase",
                    LocalSheetId = (uint)i,
                    Hidden = true,
                });

                // The print titles: the header row is printed again at the top of every page.
                definedNames.Append(new DefinedName($"'{name}'!$1:$1") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
            }
        }

        var workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 0 }), sheetList);
        if (definedNames.HasChildren)
        {
            workbook.Append(definedNames);
        }

        return workbook;
    }

    private static string AbsoluteRange(string range) =>
        string.Join(':', range.Split(':').Select(cell =>
        {
            var digits = cell.IndexOfAny("0123456789".ToCharArray());
            return $"${cell[..digits]}${cell[digits..]}";
        }));
}
