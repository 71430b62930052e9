using System.Globalization;
using System.IO.Packaging;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Screening;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchCycle.Panel;

/// <summary>
/// Writes <c>panel/&lt;Year&gt;-panel.xlsx</c> (OUTPUTS.md, "The panel workbook"): a Summary sheet, one sheet per
/// label type with a Decision drop-down and Remarks for the panel, and the import issues.
/// <para>
/// Sheets are streamed with <see cref="OpenXmlWriter"/> straight into a write-only package, so a cycle of any
/// size is written without building the sheet in memory. Every value that comes from the secretariat's files is
/// written as an inline string, never as a formula or a number, so <c>=1+1</c> or <c>-2</c> shows as typed.
/// </para>
/// <para>
/// The label-type sheets are the panel-decisions input of the next run: their header row has the exact
/// <c>ApplicationId</c>, <c>Decision</c> and <c>Remarks</c> columns, and no column that would also make the
/// sheet look like an application or procurement sheet (no <c>SubmittedOn</c>, <c>LabelType</c> or
/// <c>ApplicantName</c>), which the import would reject as ambiguous.
/// </para>
/// </summary>
public static class PanelWorkbookWriter
{
    public const string SummarySheet = "Summary";
    public const string ImportIssuesSheet = "Import issues";
    public const string ApplicationIdHeader = "ApplicationId";
    public const string DecisionHeader = "Decision";
    public const string RemarksHeader = "Remarks";

    /// <summary>The choices of the Decision drop-down, as the panel-decisions import reads them (INPUTS.md).</summary>
    public static IReadOnlyList<string> DecisionChoices { get; } = [.. Enum.GetNames<PanelDecisionValue>()];

    /// <summary>The cell of the Summary sheet that holds the generated-at stamp, the one value that differs between two runs.</summary>
    public const string GeneratedAtCell = "B2";

    /// <summary>Excel's limit for the text of one cell; longer text makes Excel repair the file.</summary>
    private const int MaxCellText = 32767;

    private static readonly string[] LeadingHeaders =
    [
        ApplicationIdHeader, "Applicant 申请公司", "Applicant (English)", "Factory 工厂", "Registration 登记号码", "Kind 类别", "Outcome 结果",
    ];

    private static readonly string[] TrailingHeaders = ["Reasons 原因", "Evidence 证据", DecisionHeader, RemarksHeader];

    private static readonly string[] IssueHeaders = ["File", "Sheet", "Row", "Column", "Problem"];

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

        var byType = workbook.Screenings
            .GroupBy(s => s.LabelType)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.ApplicationId, StringComparer.Ordinal).ToList());

        // The package is opened write-only so that it is zipped entry after entry. The SDK's SpreadsheetDocument
        // insists on read access, which makes the zip keep every part in memory until it is closed; so the parts
        // are created here and their XML is streamed into them with OpenXmlWriter.
        using var package = Package.Open(stream, FileMode.Create, FileAccess.Write);

        WritePart(package, "/xl/styles.xml", ContentTypes.Styles, writer => writer.WriteElement(Styles.Create()));

        var sheets = new List<(string Name, string? FilterRange)>();
        WritePart(package, SheetUri(sheets.Count), ContentTypes.Worksheet, writer => WriteSummary(writer, workbook, byType));
        sheets.Add((SummarySheet, null));

        foreach (var type in LabelTypes.All)
        {
            string? range = null;
            WritePart(package, SheetUri(sheets.Count), ContentTypes.Worksheet, writer => range = WriteLabelSheet(writer, byType.GetValueOrDefault(type) ?? [], workbook.Decisions));
            sheets.Add((SheetName(type), range));
        }

        string? issuesRange = null;
        WritePart(package, SheetUri(sheets.Count), ContentTypes.Worksheet, writer => issuesRange = WriteIssues(writer, workbook.ImportIssues));
        sheets.Add((ImportIssuesSheet, issuesRange));

        var workbookPart = WritePart(package, "/xl/workbook.xml", ContentTypes.Workbook, writer => writer.WriteElement(BuildWorkbook(sheets)));
        workbookPart.CreateRelationship(new Uri("styles.xml", UriKind.Relative), TargetMode.Internal, Relationships.Styles, "rIdStyles");
        for (var i = 0; i < sheets.Count; i++)
        {
            workbookPart.CreateRelationship(new Uri(SheetUri(i)[4..], UriKind.Relative), TargetMode.Internal, Relationships.Worksheet, SheetRelationshipId(i));
        }

        package.CreateRelationship(workbookPart.Uri, TargetMode.Internal, Relationships.OfficeDocument, "rId1");
    }

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
            }
        }

        var workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 0 }), sheetList);
        if (definedNames.HasChildren)
        {
            workbook.Append(definedNames);
        }

        return workbook;
    }

    private static void WriteSummary(OpenXmlWriter writer, PanelWorkbook workbook, IReadOnlyDictionary<LabelType, List<ApplicationScreening>> byType)
    {
        var sheet = new SheetStream(writer);
        sheet.Begin([34, 40, 18, 18, 18, 12], frozenHeader: false, columnStyles: null);

        sheet.Row(r => r.Text($"Panel workbook {workbook.Year} 评审工作簿", Styles.Title));
        sheet.Row(r => r.Text("Generated at 生成时间").Text(workbook.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)));
        sheet.Row(_ => { });

        var calendar = workbook.Calendar;
        sheet.Row(r => r.Text("Cycle calendar 周期日期", Styles.Header).Text("", Styles.Header));
        sheet.Row(r => r.Text("Opens 开始接受申请").Text(Day(calendar.Opens)));
        sheet.Row(r => r.Text("Closes 截止日期").Text(Day(calendar.Closes)));
        sheet.Row(r => r.Text("LookbackStart 五年回溯起点").Text(Day(calendar.LookbackStart)));
        sheet.Row(r => r.Text("ComplianceStart 守法期起点").Text(Day(calendar.ComplianceStart)));
        sheet.Row(r => r.Text("ReferenceDate 参考日期").Text(Day(calendar.ReferenceDate)));
        sheet.Row(_ => { });

        sheet.Row(r => r.Text("Label 标志", Styles.Header)
            .Text(nameof(Outcome.Eligible), Styles.Eligible)
            .Text(nameof(Outcome.Ineligible), Styles.Ineligible)
            .Text(nameof(Outcome.NeedsReview), Styles.NeedsReview)
            .Text("Total 合计", Styles.Header));
        foreach (var type in LabelTypes.All)
        {
            var list = byType.GetValueOrDefault(type) ?? [];
            sheet.Row(r => r.Text($"{type} {LabelTypes.ChineseName(type)}")
                .Number(list.Count(s => s.Outcome == Outcome.Eligible))
                .Number(list.Count(s => s.Outcome == Outcome.Ineligible))
                .Number(list.Count(s => s.Outcome == Outcome.NeedsReview))
                .Number(list.Count));
        }

        sheet.Row(r => r.Text("Total 合计", Styles.Header)
            .Number(workbook.Screenings.Count(s => s.Outcome == Outcome.Eligible))
            .Number(workbook.Screenings.Count(s => s.Outcome == Outcome.Ineligible))
            .Number(workbook.Screenings.Count(s => s.Outcome == Outcome.NeedsReview))
            .Number(workbook.Screenings.Count));
        sheet.Row(r => r.Text("Decisions carried over 已填决定").Number(workbook.Screenings.Count(s => workbook.Decisions.ContainsKey(s.ApplicationId))));
        sheet.Row(r => r.Text("Import issues 导入问题").Number(workbook.ImportIssues.Count));
        sheet.Row(_ => { });

        sheet.Row(r => r.Text("Source file 来源文件", Styles.Header).Text("SHA-256", Styles.Header));
        foreach (var file in workbook.SourceFiles.OrderBy(f => f.FileName, StringComparer.Ordinal).ThenBy(f => f.Sha256, StringComparer.Ordinal))
        {
            sheet.Row(r => r.Text(file.FileName).Text(file.Sha256));
        }

        sheet.End(filterRange: null, decisionColumn: null);
    }

    /// <summary>Writes one label type's applications; returns the range of the filter.</summary>
    private static string WriteLabelSheet(OpenXmlWriter writer, IReadOnlyList<ApplicationScreening> screenings, IReadOnlyDictionary<string, PanelDecision> decisions)
    {
        // Top-level requirements first (they decide the outcome), then the route lines that explain them,
        // each in the order the screening first produced them.
        var requirementIds = screenings.SelectMany(s => s.Requirements).Where(r => r.IsTopLevel).Select(r => r.Requirement)
            .Concat(screenings.SelectMany(s => s.Requirements).Where(r => !r.IsTopLevel).Select(r => r.Requirement))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var requirementColumn = requirementIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => LeadingHeaders.Length + x.i, StringComparer.Ordinal);
        string[] headers = [.. LeadingHeaders, .. requirementIds, .. TrailingHeaders];
        var decisionColumn = headers.Length - 2;
        var remarksColumn = headers.Length - 1;

        RowText RowOf(ApplicationScreening screening) => Describe(screening, decisions.GetValueOrDefault(screening.ApplicationId));

        var widths = new double[headers.Length];
        for (var c = 0; c < headers.Length; c++)
        {
            widths[c] = Width(headers[c]);
        }

        // Two passes over the screenings (widths first, then the cells) instead of keeping every row's text:
        // reasons and evidence of a large cycle would otherwise be held in memory twice.
        foreach (var row in screenings.Select(RowOf))
        {
            for (var c = 0; c < row.Leading.Length; c++)
            {
                widths[c] = Math.Max(widths[c], Width(row.Leading[c]));
            }

            widths[headers.Length - 4] = Math.Max(widths[headers.Length - 4], Width(row.Reasons));
            widths[headers.Length - 3] = Math.Max(widths[headers.Length - 3], Width(row.Evidence));
            widths[remarksColumn] = Math.Max(widths[remarksColumn], Width(row.Remarks));
        }

        widths[decisionColumn] = Math.Max(widths[decisionColumn], DecisionChoices.Max(Width) + 3);
        widths[remarksColumn] = Math.Max(widths[remarksColumn], 30);

        var columnStyles = new uint?[headers.Length];
        columnStyles[decisionColumn] = Styles.Entry;
        columnStyles[remarksColumn] = Styles.Entry;

        var sheet = new SheetStream(writer);
        sheet.Begin(widths, frozenHeader: true, columnStyles);
        sheet.Row(r =>
        {
            foreach (var header in headers)
            {
                r.Text(header, Styles.Header);
            }
        });

        var marks = new string?[requirementIds.Count];
        foreach (var screening in screenings)
        {
            var row = RowOf(screening);
            Array.Clear(marks);
            foreach (var requirement in screening.Requirements)
            {
                // A requirement listed twice keeps its first line, the one the outcome was decided on.
                ref var mark = ref marks[requirementColumn[requirement.Requirement] - LeadingHeaders.Length];
                mark ??= Mark(requirement.Result);
            }

            sheet.Row(r =>
            {
                for (var c = 0; c < row.Leading.Length; c++)
                {
                    r.Text(row.Leading[c], c == row.Leading.Length - 1 ? OutcomeStyle(screening.Outcome) : Styles.Default);
                }

                foreach (var mark in marks)
                {
                    r.Text(mark, Styles.Mark);
                }

                r.Text(row.Reasons).Text(row.Evidence).Text(row.Decision, Styles.Entry).Text(row.Remarks, Styles.Entry);
            });
        }

        var range = $"A1:{SheetStream.ColumnName(headers.Length - 1)}{screenings.Count + 1}";
        sheet.End(range, (decisionColumn, Math.Max(screenings.Count, 1)));
        return range;
    }

    private static string WriteIssues(OpenXmlWriter writer, IReadOnlyList<ImportIssue> issues)
    {
        var widths = IssueHeaders.Select(Width).ToArray();
        foreach (var issue in issues)
        {
            widths[0] = Math.Max(widths[0], Width(issue.File));
            widths[1] = Math.Max(widths[1], Width(issue.Sheet));
            widths[3] = Math.Max(widths[3], Width(issue.Column));
            widths[4] = Math.Max(widths[4], Width(issue.Problem));
        }

        var sheet = new SheetStream(writer);
        sheet.Begin(widths, frozenHeader: true, columnStyles: null);
        sheet.Row(r =>
        {
            foreach (var header in IssueHeaders)
            {
                r.Text(header, Styles.Header);
            }
        });
        foreach (var issue in issues)
        {
            sheet.Row(r => r.Text(issue.File).Text(issue.Sheet).Number(issue.Row).Text(issue.Column).Text(issue.Problem));
        }

        var range = $"A1:E{issues.Count + 1}";
        sheet.End(range, decisionColumn: null);
        return range;
    }

    private sealed record RowText(string?[] Leading, string Reasons, string Evidence, string? Decision, string? Remarks);

    private static RowText Describe(ApplicationScreening screening, PanelDecision? decision)
    {
        var application = screening.Application;
        var factory = (application.FactoryName, application.FactoryId) switch
        {
            ({ Length: > 0 } name, { Length: > 0 } id) => $"{name} ({id})",
            ({ Length: > 0 } name, _) => name,
            (_, var id) => id,
        };
        var evidence = string.Join(" | ", screening.Requirements
            .Where(r => r.Evidence.Count > 0)
            .Select(r => $"{r.Requirement}: {string.Join("; ", r.Evidence)}"));
        return new RowText(
            [
                application.ApplicationId,
                application.ApplicantName,
                application.ApplicantNameEn,
                factory,
                application.RegistrationNo ?? application.ProviderId,
                application.Kind.ToString(),
                screening.Outcome.ToString(),
            ],
            screening.Reasons,
            evidence,
            decision?.Decision.ToString(),
            decision?.Remarks);
    }

    private static uint OutcomeStyle(Outcome outcome) => outcome switch
    {
        Outcome.Eligible => Styles.Eligible,
        Outcome.Ineligible => Styles.Ineligible,
        _ => Styles.NeedsReview,
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Column width in characters: CJK characters take two, capped so that long reasons stay readable.</summary>
    private static double Width(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 6;
        }

        var width = 0;
        foreach (var c in text)
        {
            width += c >= '\u1100' ? 2 : 1;
            if (width > 60)
            {
                return 62;
            }
        }

        return Math.Max(6, width + 2);
    }

    private static string AbsoluteRange(string range) =>
        string.Join(':', range.Split(':').Select(cell =>
        {
            var digits = cell.IndexOfAny("0123456789".ToCharArray());
            return $"${cell[..digits]}${cell[digits..]}";
        }));

    /// <summary>
    /// Text as Excel stores it (ECMA-376 ST_Xstring): characters XML cannot carry, and carriage returns (which an
    /// XML reader would turn into line feeds), are written as <c>_xHHHH_</c>; a literal <c>_xHHHH_</c> in the
    /// input is protected by escaping its underscore, so every reader shows the value exactly as typed.
    /// </summary>
    internal static string EscapeText(string value)
    {
        if (value.Length > MaxCellText)
        {
            value = string.Concat(value.AsSpan(0, MaxCellText - 1), "…");
        }

        System.Text.StringBuilder? escaped = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? replacement = null;
            if (c == '_' && LooksEscaped(value, i))
            {
                replacement = "_x005F_";
            }
            else if ((c < ' ' && c is not '\t' and not '\n') || c is '\uFFFE' or '\uFFFF' || IsLoneSurrogate(value, i))
            {
                replacement = $"_x{(int)c:X4}_";
            }

            if (replacement is null)
            {
                escaped?.Append(c);
                continue;
            }

            escaped ??= new System.Text.StringBuilder(value, 0, i, value.Length + 16);
            escaped.Append(replacement);
        }

        return escaped?.ToString() ?? value;
    }

    private static bool LooksEscaped(string value, int i) =>
        i + 6 < value.Length && value[i + 1] == 'x' && value[i + 6] == '_' && IsHex(value.AsSpan(i + 2, 4));

    private static bool IsHex(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLoneSurrogate(string value, int i) =>
        char.IsHighSurrogate(value[i]) ? i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])
        : char.IsLowSurrogate(value[i]) && (i == 0 || !char.IsHighSurrogate(value[i - 1]));

    /// <summary>One worksheet written element by element; rows and cells are numbered as they are written.</summary>
    private sealed class SheetStream(OpenXmlWriter writer)
    {
        private static readonly List<string> ColumnNames = [];

        private readonly RowWriter rowWriter = new();
        private int rowIndex;

        public static string ColumnName(int index)
        {
            lock (ColumnNames)
            {
                while (ColumnNames.Count <= index)
                {
                    var n = ColumnNames.Count + 1;
                    var name = "";
                    while (n > 0)
                    {
                        var rest = (n - 1) % 26;
                        name = (char)('A' + rest) + name;
                        n = (n - 1) / 26;
                    }

                    ColumnNames.Add(name);
                }

                return ColumnNames[index];
            }
        }

        public void Begin(IReadOnlyList<double> widths, bool frozenHeader, IReadOnlyList<uint?>? columnStyles)
        {
            writer.WriteStartElement(new Worksheet());
            var view = new SheetView { WorkbookViewId = 0 };
            if (frozenHeader)
            {
                // The header row and the ApplicationId column stay in view while the panel scrolls.
                view.Append(new Pane
                {
                    HorizontalSplit = 1,
                    VerticalSplit = 1,
                    TopLeftCell = "B2",
                    ActivePane = PaneValues.BottomRight,
                    State = PaneStateValues.Frozen,
                });
                view.Append(new Selection { Pane = PaneValues.BottomRight, ActiveCell = "B2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "B2" } });
            }

            writer.WriteElement(new SheetViews(view));
            var cols = new Columns();
            for (var c = 0; c < widths.Count; c++)
            {
                var column = new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = widths[c], CustomWidth = true };
                if (columnStyles?[c] is { } style)
                {
                    column.Style = style;
                }

                cols.Append(column);
            }

            writer.WriteElement(cols);
            writer.WriteStartElement(new SheetData());
        }

        public void Row(Action<RowWriter> cells)
        {
            rowIndex++;
            writer.WriteStartElement(new Row { RowIndex = (uint)rowIndex });
            rowWriter.Start(writer, rowIndex);
            cells(rowWriter);
            writer.WriteEndElement();
        }

        public void End(string? filterRange, (int Column, int Rows)? decisionColumn)
        {
            writer.WriteEndElement();
            if (filterRange is not null)
            {
                writer.WriteElement(new AutoFilter { Reference = filterRange });
            }

            if (decisionColumn is { } decision)
            {
                var name = ColumnName(decision.Column);
                writer.WriteElement(new DataValidations(
                    new DataValidation(new Formula1($"\"{string.Join(',', DecisionChoices)}\""))
                    {
                        Type = DataValidationValues.List,
                        AllowBlank = true,
                        ShowInputMessage = true,
                        ShowErrorMessage = true,
                        PromptTitle = DecisionHeader,
                        Prompt = "Approve 批准 / Reject 不批准 / Defer 押后",
                        ErrorTitle = DecisionHeader,
                        Error = "Choose Approve, Reject or Defer. 请选择 Approve、Reject 或 Defer。",
                        SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{name}2:{name}{decision.Rows + 1}" },
                    })
                { Count = 1 });
            }

            writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
            writer.WriteEndElement();
        }
    }

    /// <summary>
    /// Writes the cells of one row left to right; a null or empty value leaves its cell out. The elements are
    /// templates reused for every cell, so writing a cell allocates little more than its reference.
    /// </summary>
    private sealed class RowWriter
    {
        private static readonly OpenXmlAttribute Preserve = new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve");
        private static readonly OpenXmlAttribute InlineStringType = new("t", "", "inlineStr");

        private readonly Cell cell = new();
        private readonly InlineString inlineString = new();
        private readonly Text text = new();
        private readonly CellValue cellValue = new();
        private readonly List<OpenXmlAttribute> attributes = new(3);
        private readonly List<OpenXmlAttribute> textAttributes = new(1);
        private OpenXmlWriter? writer;
        private string rowNumber = "";
        private int column;

        public void Start(OpenXmlWriter target, int row)
        {
            writer = target;
            rowNumber = row.ToString(CultureInfo.InvariantCulture);
            column = 0;
        }

        public RowWriter Text(string? value, uint style = Styles.Default)
        {
            var reference = NextReference();
            if (string.IsNullOrEmpty(value))
            {
                // An empty header or summary cell still carries its fill; empty data cells are left out.
                if (style is Styles.Header or Styles.Title)
                {
                    StartCell(reference, style, inlineString: false);
                    writer!.WriteEndElement();
                }

                return this;
            }

            StartCell(reference, style, inlineString: true);
            writer!.WriteStartElement(inlineString);
            textAttributes.Clear();
            if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
            {
                textAttributes.Add(Preserve);
            }

            writer.WriteStartElement(text, textAttributes);
            writer.WriteString(EscapeText(value));
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
            return this;
        }

        public RowWriter Number(long? value, uint style = Styles.Default)
        {
            var reference = NextReference();
            if (value is { } number)
            {
                StartCell(reference, style, inlineString: false);
                writer!.WriteStartElement(cellValue);
                writer.WriteString(number.ToString(CultureInfo.InvariantCulture));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            return this;
        }

        private string NextReference() => SheetStream.ColumnName(column++) + rowNumber;

        private void StartCell(string reference, uint style, bool inlineString)
        {
            attributes.Clear();
            attributes.Add(new OpenXmlAttribute("r", "", reference));
            if (style != Styles.Default)
            {
                attributes.Add(new OpenXmlAttribute("s", "", style.ToString(CultureInfo.InvariantCulture)));
            }

            if (inlineString)
            {
                attributes.Add(InlineStringType);
            }

            writer!.WriteStartElement(cell, attributes);
        }
    }

    /// <summary>The stylesheet: indexes of the cell formats the sheets use.</summary>
    private static class Styles
    {
        public const uint Default = 0;
        public const uint Header = 1;
        public const uint Eligible = 2;
        public const uint Ineligible = 3;
        public const uint NeedsReview = 4;
        public const uint Mark = 5;

        /// <summary>Text-formatted cells for the panel's entries, so that a remark typed as <c>-2</c> stays text.</summary>
        public const uint Entry = 6;
        public const uint Title = 7;

        public static Stylesheet Create()
        {
            static Font Font(bool bold = false, string? colour = null, double size = 11)
            {
                var font = new Font();
                if (bold)
                {
                    font.Append(new Bold());
                }

                font.Append(new FontSize { Val = size });
                if (colour is not null)
                {
                    font.Append(new Color { Rgb = "FF" + colour });
                }

                font.Append(new FontName { Val = "Calibri" });
                font.Append(new FontFamilyNumbering { Val = 2 });
                return font;
            }

            static Fill Solid(string colour) => new(new PatternFill(
                new ForegroundColor { Rgb = "FF" + colour },
                new BackgroundColor { Indexed = 64 })
            { PatternType = PatternValues.Solid });

            var fonts = new Fonts(
                Font(),
                Font(bold: true),
                Font(colour: "006100"),
                Font(colour: "9C0006"),
                Font(colour: "9C5700"),
                Font(bold: true, size: 14));
            var fills = new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("D9E1F2"),
                Solid("C6EFCE"),
                Solid("FFC7CE"),
                Solid("FFEB9C"));
            var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()));
            var formats = new CellFormats(
                Format(0, 0),
                Format(1, 2),
                Format(2, 3),
                Format(3, 4),
                Format(4, 5),
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center })
                {
                    FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true,
                },
                new CellFormat { NumberFormatId = 49, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
                Format(5, 0));
            fonts.Count = (uint)fonts.ChildElements.Count;
            fills.Count = (uint)fills.ChildElements.Count;
            borders.Count = 1;
            formats.Count = (uint)formats.ChildElements.Count;
            return new Stylesheet(
                fonts,
                fills,
                borders,
                new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
                formats,
                new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 },
                new DifferentialFormats { Count = 0 });
        }

        private static CellFormat Format(uint font, uint fill) => new()
        {
            NumberFormatId = 0,
            FontId = font,
            FillId = fill,
            BorderId = 0,
            FormatId = 0,
            ApplyFont = font != 0,
            ApplyFill = fill != 0,
        };
    }
}
