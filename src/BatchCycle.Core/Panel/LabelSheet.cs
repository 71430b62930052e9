using BatchCycle.Files;
using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Screening;

namespace BatchCycle.Panel;

/// <summary>
/// One label type's sheet: an application per row, a mark per requirement, the reasons (Chinese first, then
/// English, wrapped) and the evidence, and the Decision and Remarks the panel fills in.
/// </summary>
internal static class LabelSheet
{
    private const double RequirementWidth = 11;

    /// <summary>Writes the sheet; returns the range of its filter.</summary>
    public static string Write(XlsxSheet writer, PanelTexts texts, IReadOnlyList<ApplicationScreening> screenings, IReadOnlyDictionary<string, PanelDecision> decisions)
    {
        var columns = Columns.Of(texts, screenings);
        var headers = columns.Headers;
        var decisionColumn = headers.Length - 2;
        var remarksColumn = headers.Length - 1;

        RowText RowOf(ApplicationScreening screening) => Describe(texts, screening, decisions.GetValueOrDefault(screening.ApplicationId));

        var widths = Widths(headers, columns.Leading, columns.RequirementIds.Count, RowBlocks(screenings, RowOf).SelectMany(b => b));
        var columnStyles = new uint?[headers.Length];
        columnStyles[decisionColumn] = PanelStyles.Entry;
        columnStyles[remarksColumn] = PanelStyles.Entry;

        var sheet = new SheetStream(writer);
        sheet.Begin(widths, frozenHeader: true, columnStyles);
        sheet.Row(r =>
        {
            foreach (var header in headers)
            {
                r.Text(header, PanelStyles.Header);
            }
        });

        var marks = new RequirementStatus?[columns.RequirementIds.Count];
        var written = 0;
        foreach (var block in RowBlocks(screenings, RowOf))
        {
            foreach (var row in block)
            {
                WriteApplication(sheet, columns, screenings[written++], row, marks);
            }
        }

        var range = $"A1:{XlsxSheet.ColumnName(headers.Length - 1)}{screenings.Count + 1}";
        sheet.End(range, (decisionColumn, Math.Max(screenings.Count, 1)), (texts.Label("Panel.Column.Decision"), texts.Long(c => Catalogue.Text("Panel.DecisionPrompt", c)), texts.Long(c => Catalogue.Text("Panel.DecisionError", c))));
        return range;
    }

    /// <summary>Applications whose texts are made as one piece of work, side by side on every core, ahead of the sheet's writer.</summary>
    private const int BlockApplications = 512;

    /// <summary>
    /// The rows' texts in the screenings' order, a block at a time, each block made on every core: rendering the
    /// reasons in both languages was half the panel stage's time, on one core while the other waited.
    /// </summary>
    private static IEnumerable<RowText[]> RowBlocks(IReadOnlyList<ApplicationScreening> screenings, Func<ApplicationScreening, RowText> rowOf)
    {
        for (var start = 0; start < screenings.Count; start += BlockApplications)
        {
            var block = new RowText[Math.Min(BlockApplications, screenings.Count - start)];
            var first = start;
            Parallel.For(0, block.Length, i => block[i] = rowOf(screenings[first + i]));
            yield return block;
        }
    }

    /// <summary>One application's row: its leading columns, a mark per requirement column, then reasons, evidence and the panel's entries.</summary>
    private static void WriteApplication(SheetStream sheet, Columns columns, ApplicationScreening screening, RowText row, RequirementStatus?[] marks)
    {
        Array.Clear(marks);
        foreach (var requirement in screening.Requirements)
        {
            // A requirement listed twice keeps its first line, the one the outcome was decided on.
            ref var mark = ref marks[columns.RequirementIndex[requirement.Requirement]];
            mark ??= requirement.Result;
        }

        sheet.Row(r =>
        {
            for (var c = 0; c < row.Leading.Length; c++)
            {
                r.Text(row.Leading[c], c == row.Leading.Length - 1 ? OutcomeStyle(screening.Outcome) : PanelStyles.Wrap);
            }

            foreach (var mark in marks)
            {
                r.Text(mark is { } status ? PanelWorkbookWriter.Mark(status) : null, MarkStyle(mark));
            }

            r.Text(row.Reasons, PanelStyles.Wrap).Text(row.Evidence, PanelStyles.Wrap).Text(row.Decision, PanelStyles.Entry).Text(row.Remarks, PanelStyles.Entry);
        });
    }

    /// <summary>
    /// Widths from the content, capped so long texts wrap: the sheet prints one page wide, so every character of
    /// width makes the print smaller. Requirement columns hold one mark and a wrapped header.
    /// </summary>
    private static double[] Widths(string[] headers, int leading, int requirements, IEnumerable<RowText> rows)
    {
        var widths = new double[headers.Length];
        for (var c = 0; c < headers.Length; c++)
        {
            widths[c] = c >= leading && c < leading + requirements ? RequirementWidth : CellText.Width(headers[c], cap: 14);
        }

        var reasons = headers.Length - 4;
        var evidence = headers.Length - 3;
        var remarks = headers.Length - 1;

        // Two passes over the screenings (widths first, then the cells) instead of keeping every row's text:
        // reasons and evidence of a large cycle would otherwise be held in memory twice.
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Leading.Length; c++)
            {
                widths[c] = Math.Max(widths[c], CellText.Width(row.Leading[c], cap: c == 0 ? 60 : 22));
            }

            widths[reasons] = Math.Max(widths[reasons], CellText.Width(row.Reasons, cap: 80));
            widths[evidence] = Math.Max(widths[evidence], CellText.Width(row.Evidence, cap: 30));
            widths[remarks] = Math.Max(widths[remarks], CellText.Width(row.Remarks, cap: 30));
        }

        widths[headers.Length - 2] = Math.Max(widths[headers.Length - 2], PanelWorkbookWriter.DecisionChoices.Max(c => CellText.Width(c)) + 3);
        widths[remarks] = Math.Max(widths[remarks], 20);
        return widths;
    }

    private sealed record RowText(string?[] Leading, string Reasons, string Evidence, string? Decision, string? Remarks);

    private static RowText Describe(PanelTexts texts, ApplicationScreening screening, PanelDecision? decision)
    {
        var application = screening.Application;
        var factory = (application.FactoryName, application.FactoryId) switch
        {
            ({ Length: > 0 } name, { Length: > 0 } id) => $"{name} ({id})",
            ({ Length: > 0 } name, _) => name,
            (_, var id) => id,
        };
        var evidence = string.Join("\n", screening.Requirements
            .Where(r => r.Evidence.Count > 0)
            .Select(r => $"{r.Requirement}: {EvidenceList.Join(r.Evidence)}"));
        return new RowText(
            [
                application.ApplicationId,
                application.ApplicantName,
                application.ApplicantNameEn,
                factory,
                application.RegistrationNo ?? application.ProviderId,
                texts.Value(application.Kind),
                texts.Outcome(screening.Outcome),
            ],
            texts.Long(c => string.Join("\n", screening.EachReasonIn(c))),
            evidence,
            decision?.Decision.ToString(),
            decision?.Remarks);
    }

    private static uint OutcomeStyle(Outcome outcome) => outcome switch
    {
        Outcome.Eligible => PanelStyles.Eligible,
        Outcome.Ineligible => PanelStyles.Ineligible,
        _ => PanelStyles.NeedsReview,
    };

    private static uint MarkStyle(RequirementStatus? status) => status switch
    {
        RequirementStatus.Met => PanelStyles.MarkMet,
        RequirementStatus.NotMet => PanelStyles.MarkNotMet,
        RequirementStatus.Unknown => PanelStyles.MarkUnknown,
        _ => PanelStyles.Mark,
    };

    /// <summary>The sheet's columns: the leading ones, one per requirement, then reasons, evidence and the panel's two.</summary>
    private sealed record Columns(int Leading, IReadOnlyList<string> RequirementIds, IReadOnlyDictionary<string, int> RequirementIndex, string[] Headers)
    {
        public static Columns Of(PanelTexts texts, IReadOnlyList<ApplicationScreening> screenings)
        {
            // Top-level requirements first (they decide the outcome), then the route lines that explain them,
            // each in the order the screening first produced them.
            var requirementIds = screenings.SelectMany(s => s.Requirements).Where(r => r.IsTopLevel).Select(r => r.Requirement)
                .Concat(screenings.SelectMany(s => s.Requirements).Where(r => !r.IsTopLevel).Select(r => r.Requirement))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            string[] leading =
            [
                PanelWorkbookWriter.ApplicationIdHeader, texts.Label("Panel.Column.Applicant"), texts.Label("Panel.Column.ApplicantEn"),
                texts.Label("Panel.Column.Factory"), texts.Label("Panel.Column.Registration"), texts.Label("Panel.Column.Kind"), texts.Label("Panel.Column.Outcome"),
            ];
            var requirementIndex = requirementIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
            string[] headers =
            [
                .. leading, .. requirementIds.Select(texts.RequirementHeader),
                texts.Label("Panel.Column.Reasons"), texts.Label("Panel.Column.Evidence"), PanelWorkbookWriter.DecisionHeader, PanelWorkbookWriter.RemarksHeader,
            ];
            return new Columns(leading.Length, requirementIds, requirementIndex, headers);
        }
    }
}
