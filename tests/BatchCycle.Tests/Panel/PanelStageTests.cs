using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Panel;
using BatchCycle.Pipeline;
using BatchCycle.Screening;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchCycle.Tests.Panel;

public sealed class PanelStageTests : IDisposable
{
    private static readonly SourceRow FirstFile = new("panel-returned.xlsx", "M 制造业伙伴", 3);

    private readonly TempFolder temp = new();

    [Fact]
    public async Task The_stage_writes_the_workbook_from_the_screening_tables_with_the_decisions_in_force()
    {
        var (run, input) = await PrepareRunAsync();

        await new PanelStage().RunAsync(run, input, CancellationToken.None);

        var sheets = WorkbookReaders.ReadWithExcelDataReader(run.OutPath("panel", "2025-panel.xlsx"));
        var m = sheets[PanelWorkbookWriter.SheetName(LabelType.M)];
        var header = m[0];
        string Cell(string id, string column) => m.Single(r => r[0] == id) is var row && Array.FindIndex(header, h => h == column || h.StartsWith(column + "\n", StringComparison.Ordinal)) is var i && i < row.Length ? row[i] : "";

        Assert.Equal(["AP-2025-001", "AP-2025-002", "AP-2025-010"], m.Skip(1).Select(r => r[0]));
        Assert.Equal("Approve", Cell("AP-2025-002", PanelWorkbookWriter.DecisionHeader));
        Assert.Equal("second thoughts 复议后同意", Cell("AP-2025-002", PanelWorkbookWriter.RemarksHeader));
        Assert.Equal("Reject", Cell("AP-2025-001", PanelWorkbookWriter.DecisionHeader));
        Assert.Equal("", Cell("AP-2025-010", PanelWorkbookWriter.DecisionHeader));
        Assert.Equal("Eligible 符合资格", Cell("AP-2025-002", "Outcome 结果"));
        Assert.Equal("✗", Cell("AP-2025-002", "4.1-I-1"));
        Assert.Contains("4.1-I-2: P-2023-001; P-2024-017", Cell("AP-2025-002", "Evidence 证据"));
        Assert.Equal("Ineligible 不符合资格", Cell("AP-2025-001", "Outcome 结果"));
        Assert.Contains(sheets[PanelWorkbookWriter.SummarySheet], r => r.SequenceEqual(["applications.xlsx", new string('c', 64)]));
    }

    [Fact]
    public async Task Decisions_for_unknown_applications_become_import_issues_and_replaced_decisions_are_counted()
    {
        var (run, input) = await PrepareRunAsync();

        var (outcome, decisions) = await new PanelStage().RunAsync(run, input, CancellationToken.None);

        Assert.Equal(4, outcome.Counts["decisions"]);
        Assert.Equal(1, outcome.Counts["decisionsReplaced"]);
        Assert.Equal(1, outcome.Counts["decisionsIgnored"]);
        Assert.Equal(2, outcome.Counts["decisionsInForce"]);
        Assert.Equal(PanelSamples.Screenings.Count, outcome.Counts["applications"]);
        var replaced = Assert.Single(outcome.Warnings, w => w.StartsWith("AP-2025-002", StringComparison.Ordinal));
        Assert.Contains("Defer", replaced);
        Assert.Contains("Approve", replaced);
        Assert.Contains(outcome.Warnings, w => w.Contains("1 application(s) have no screening result", StringComparison.Ordinal));
        Assert.Equal(PanelDecisionValue.Approve, decisions["AP-2025-002"].Decision);

        var expected = new ImportIssue("panel-returned.xlsx", "M 制造业伙伴", 4, "ApplicationId", Message.Of("Import.DecisionUnknownApplication", "AP-2025-099"));
        var issues = await ImportIssueLog.LoadAsync(run, CancellationToken.None);
        Assert.Contains(expected, issues);
        Assert.Contains("no application AP-2025-099 in this cycle; decision ignored", await File.ReadAllTextAsync(run.OutPath("results", "import-issues.csv")));
        var sheet = WorkbookReaders.ReadWithExcelDataReader(run.OutPath("panel", "2025-panel.xlsx"))[PanelWorkbookWriter.ImportIssuesSheet];
        // Chinese first, then the English the CSV keeps.
        Assert.Contains(sheet, r => r.SequenceEqual(["panel-returned.xlsx", "M 制造业伙伴", "4", "ApplicationId", "本周期没有申请 AP-2025-099；该决定不予理会\n" + expected.Problem]));
        Assert.Contains(sheet, r => r.Length > 0 && r[0] == "applications.xlsx");
    }

    [Fact]
    public async Task Running_the_stage_again_does_not_report_the_same_decision_twice()
    {
        var (run, input) = await PrepareRunAsync();

        await new PanelStage().RunAsync(run, input, CancellationToken.None);
        await new PanelStage().RunAsync(run, input, CancellationToken.None);

        var issues = await ImportIssueLog.LoadAsync(run, CancellationToken.None);
        Assert.Single(issues, i => i.Problem.Contains("AP-2025-099", StringComparison.Ordinal));
    }

    public void Dispose() => temp.Dispose();

    /// <summary>
    /// A run as the import and screening stages leave it: imported records, screening rows, a source file, an issue;
    /// the panel stage's input is read back from them as a resumed run reads it.
    /// </summary>
    private async Task<(RunContext Run, PanelInput Input)> PrepareRunAsync()
    {
        var database = temp.Combine("batchcycle.db");
        BatchCycleDatabase.Sqlite(database).Migrate();
        long runId;
        await using (var db = BatchCycleDatabase.Sqlite(database).Open())
        {
            var record = new RunRecord { Year = 2025, State = RunState.Running, StartedAt = DateTime.UtcNow, StartedBy = "test", AsOf = new DateOnly(2025, 8, 1) };
            db.Runs.Add(record);
            await db.SaveChangesAsync();
            runId = record.Id;

            db.SourceFiles.Add(new SourceFileRecord { RunId = runId, FileName = "applications.xlsx", Sha256 = new string('c', 64), Size = 3, Content = [1, 2, 3], Kinds = "Applications" });
            foreach (var screening in PanelSamples.Screenings)
            {
                db.ScreeningOutcomes.Add(new ScreeningOutcomeRecord
                {
                    RunId = runId,
                    ApplicationId = screening.ApplicationId,
                    LabelType = screening.LabelType.ToString(),
                    Kind = screening.Kind.ToString(),
                    Outcome = screening.Outcome.ToString(),
                    NotMet = string.Join(';', screening.NotMet),
                    Unknown = string.Join(';', screening.Unknown),
                    Reasons = screening.Reasons,
                });
                db.RequirementResults.AddRange(screening.Requirements.Select(r => new RequirementResultRecord
                {
                    RunId = runId,
                    ApplicationId = screening.ApplicationId,
                    Requirement = r.Requirement,
                    Result = r.Result.ToString(),
                    Evidence = EvidenceList.Join(r.Evidence),
                    Note = r.Note,
                    IsTopLevel = r.IsTopLevel,
                }));
            }

            await db.SaveChangesAsync();
        }

        var run = new RunContext(
            runId,
            new RunRequest(temp.Combine("in"), temp.Combine("out"), 2025, new DateOnly(2025, 8, 1), "test"),
            PanelSamples.Calendar,
            new BatchCycleSettings(),
            BatchCycleDatabase.Sqlite(database),
            NullLoggerFactory.Instance);

        PanelDecision Decision(string id, PanelDecisionValue value, string? remarks, SourceRow source) => new(id, value, remarks, source);
        var unscreened = PanelSamples.Application("AP-2025-040", LabelType.T, "未筛选的公司");
        var imported = CycleData.Empty with
        {
            Applications = [.. PanelSamples.Screenings.Select(s => s.Application), unscreened],
            PanelDecisions =
            [
                Decision("AP-2025-002", PanelDecisionValue.Defer, "资料不全", FirstFile),
                Decision("AP-2025-099", PanelDecisionValue.Approve, null, FirstFile with { Row = 4 }),
                Decision("AP-2025-001", PanelDecisionValue.Reject, null, FirstFile with { Row = 5 }),
                Decision("AP-2025-002", PanelDecisionValue.Approve, "second thoughts 复议后同意", new SourceRow("later.xlsx", "M 制造业伙伴", 2)),
            ],
        };
        await ImportIssueLog.AddAsync(run, [new ImportIssue("applications.xlsx", "申请", 9, "SubmittedOn", Message.Of("Import.NotDate", "'2025-13-01'"))], CancellationToken.None);
        return (run, new PanelInput(imported, await StoredScreenings.LoadAsync(run, imported.Applications, CancellationToken.None)));
    }
}
