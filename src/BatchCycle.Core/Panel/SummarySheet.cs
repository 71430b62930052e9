using System.Globalization;
using BatchCycle.Cycle;
using BatchCycle.Files;
using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Screening;

namespace BatchCycle.Panel;

/// <summary>The Summary sheet: the cycle's dates, the outcomes per label type and the files the run read; and the import issues sheet.</summary>
internal static class SummarySheet
{
    public static void Write(XlsxSheet writer, PanelTexts texts, PanelWorkbook workbook, IReadOnlyDictionary<LabelType, List<ApplicationScreening>> byType)
    {
        var sheet = new SheetStream(writer);
        sheet.Begin([40, 40, 22, 22, 22, 12], frozenHeader: false, columnStyles: null);

        sheet.Row(r => r.Text(texts.Label("Panel.Title", workbook.Year), PanelStyles.Title));
        sheet.Row(r => r.Text(texts.Label("Panel.GeneratedAt")).Text(workbook.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)));
        sheet.Row(_ => { });

        var calendar = workbook.Calendar;
        sheet.Row(r => r.Text(texts.Label("Panel.Calendar"), PanelStyles.Header).Text("", PanelStyles.Header));
        foreach (var (key, day) in new[]
        {
            ("Panel.Opens", calendar.Opens), ("Panel.Closes", calendar.Closes), ("Panel.LookbackStart", calendar.LookbackStart),
            ("Panel.ComplianceStart", calendar.ComplianceStart), ("Panel.ReferenceDate", calendar.ReferenceDate),
        })
        {
            sheet.Row(r => r.Text(texts.Label(key), PanelStyles.Wrap).Text(Days.Iso(day)));
        }

        sheet.Row(_ => { });
        sheet.Row(r => r.Text(texts.Label("Panel.Label"), PanelStyles.Header)
            .Text(texts.Outcome(Outcome.Eligible), PanelStyles.Eligible)
            .Text(texts.Outcome(Outcome.Ineligible), PanelStyles.Ineligible)
            .Text(texts.Outcome(Outcome.NeedsReview), PanelStyles.NeedsReview)
            .Text(texts.Label("Panel.Total"), PanelStyles.Header));
        foreach (var type in LabelTypes.All)
        {
            var list = byType.GetValueOrDefault(type) ?? [];
            sheet.Row(r => r.Text($"{type} {LabelTypes.ChineseName(type)}")
                .Number(list.Count(s => s.Outcome == Outcome.Eligible))
                .Number(list.Count(s => s.Outcome == Outcome.Ineligible))
                .Number(list.Count(s => s.Outcome == Outcome.NeedsReview))
                .Number(list.Count));
        }

        sheet.Row(r => r.Text(texts.Label("Panel.Total"), PanelStyles.Header)
            .Number(workbook.Screenings.Count(s => s.Outcome == Outcome.Eligible))
            .Number(workbook.Screenings.Count(s => s.Outcome == Outcome.Ineligible))
            .Number(workbook.Screenings.Count(s => s.Outcome == Outcome.NeedsReview))
            .Number(workbook.Screenings.Count));
        sheet.Row(r => r.Text(texts.Label("Panel.DecisionsCarried")).Number(workbook.Screenings.Count(s => workbook.Decisions.ContainsKey(s.ApplicationId))));
        sheet.Row(r => r.Text(texts.Label("Panel.ImportIssues")).Number(workbook.ImportIssues.Count));
        sheet.Row(_ => { });

        sheet.Row(r => r.Text(texts.Label("Panel.SourceFile"), PanelStyles.Header).Text("SHA-256", PanelStyles.Header));
        foreach (var file in workbook.SourceFiles.OrderBy(f => f.FileName, StringComparer.Ordinal).ThenBy(f => f.Sha256, StringComparer.Ordinal))
        {
            sheet.Row(r => r.Text(file.FileName).Text(file.Sha256));
        }

        sheet.End(filterRange: null, decisionColumn: null);
    }

    /// <summary>The rows that could not be read; returns the range of the filter.</summary>
    public static string WriteIssues(XlsxSheet writer, PanelTexts texts, IReadOnlyList<ImportIssue> issues)
    {
        string[] headers = [.. new[] { "File", "Sheet", "Row", "Column", "Problem" }.Select(h => texts.Label($"Panel.Column.{h}"))];
        var widths = headers.Select(h => CellText.Width(h)).ToArray();

        // The problem Chinese first, then English, as the reasons are; an issue stored as English text only shows it once.
        var problems = issues.Select(i => string.Join("\n", texts.Cultures.Select(c => Catalogue.Render(i.Message, c)).Distinct(StringComparer.Ordinal))).ToList();
        foreach (var (issue, problem) in issues.Zip(problems))
        {
            widths[0] = Math.Max(widths[0], CellText.Width(issue.File, cap: 40));
            widths[1] = Math.Max(widths[1], CellText.Width(issue.Sheet, cap: 24));
            widths[3] = Math.Max(widths[3], CellText.Width(issue.Column, cap: 24));
            widths[4] = Math.Max(widths[4], CellText.Width(problem, cap: 90));
        }

        var sheet = new SheetStream(writer);
        sheet.Begin(widths, frozenHeader: true, columnStyles: null);
        sheet.Row(r =>
        {
            foreach (var header in headers)
            {
                r.Text(header, PanelStyles.Header);
            }
        });
        foreach (var (issue, problem) in issues.Zip(problems))
        {
            sheet.Row(r => r.Text(issue.File, PanelStyles.Wrap).Text(issue.Sheet, PanelStyles.Wrap).Number(issue.Row).Text(issue.Column, PanelStyles.Wrap).Text(problem, PanelStyles.Wrap));
        }

        var range = $"A1:E{issues.Count + 1}";
        sheet.End(range, decisionColumn: null);
        return range;
    }
}

/// <summary>
/// The <c>Requirements 要求</c> sheet: the legend of the requirement columns. Each id with its name, the section
/// of the guide it comes from, the clause in Chinese and in English, and what the marks mean.
/// </summary>
internal static class RequirementsSheet
{
    public static void Write(XlsxSheet writer, PanelTexts texts)
    {
        var chinese = texts.Chinese;
        string[] headers =
        [
            texts.Label("Panel.Req.Id"), texts.Label("Panel.Req.Name"), texts.Label("Panel.Req.Section"),
            .. chinese is null ? Array.Empty<string>() : [texts.Label("Panel.Req.ClauseZh")], texts.Label("Panel.Req.ClauseEn"),
        ];
        double[] widths = chinese is null ? [12, 30, 14, 90] : [12, 30, 14, 70, 70];
        var sheet = new SheetStream(writer);
        sheet.Begin(widths, frozenHeader: true, columnStyles: null);
        sheet.Row(r =>
        {
            foreach (var header in headers)
            {
                r.Text(header, PanelStyles.Header);
            }
        });
        foreach (var id in Catalogue.RequirementIds)
        {
            sheet.Row(r =>
            {
                r.Text(id, PanelStyles.Wrap).Text(texts.Long(c => Catalogue.RequirementName(id, c)), PanelStyles.Wrap).Text(Catalogue.RequirementSection(id), PanelStyles.Wrap);
                if (chinese is not null)
                {
                    r.Text(Catalogue.RequirementClause(id, chinese), PanelStyles.Wrap);
                }

                r.Text(Catalogue.RequirementClause(id, Catalogue.English), PanelStyles.Wrap);
            });
        }

        sheet.Row(_ => { });
        sheet.Row(r => r.Text(texts.Label("Panel.Legend"), PanelStyles.Header).Text("", PanelStyles.Header));
        foreach (var (mark, style, key) in new[]
        {
            ("✓", PanelStyles.MarkMet, "Panel.Legend.Met"), ("✗", PanelStyles.MarkNotMet, "Panel.Legend.NotMet"),
            ("?", PanelStyles.MarkUnknown, "Panel.Legend.Unknown"), ("–", PanelStyles.Mark, "Panel.Legend.NotEvaluated"),
            ("", PanelStyles.Mark, "Panel.Legend.Blank"),
        })
        {
            sheet.Row(r => r.Text(mark, style).Text(texts.Long(c => Catalogue.Text(key, c)), PanelStyles.Wrap));
        }

        sheet.Row(r => r.Text("").Text(texts.Long(c => Catalogue.Text("Panel.Legend.Routes", c)), PanelStyles.Wrap));
        sheet.End(filterRange: null, decisionColumn: null);
    }
}
