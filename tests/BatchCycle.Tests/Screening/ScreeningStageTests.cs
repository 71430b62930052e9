using System.Text;
using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Pipeline;
using BatchCycle.Screening;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchCycle.Tests.Screening;

public sealed class ScreeningStageTests
{
    [Fact]
    public async Task The_stage_screens_the_stored_import_and_writes_both_result_files()
    {
        using var temp = new TempFolder();
        var scenario = ScreeningScenario.For(LabelType.M)
            .Demo("DP-1", new DateOnly(2021, 3, 2))
            .Demo("DP-2", new DateOnly(2023, 11, 20))
            .Another("A-002", a => a with { FactoryId = "91440300MA5F000002", FactoryName = "另一工厂", SubmittedOn = null })
            .Title(TitleType.MunicipalCpAudit, new DateOnly(2022, 1, 1), null, factory: "91440300MA5F000002", name: "另一工厂", certificateNo: "SZ-2022-17");
        var run = await NewRunAsync(temp, scenario.Cal);
        await using (var db = run.OpenDb())
        {
            // An earlier cycle's certificate spent DP-2; this cycle's own certificate is an outcome, not evidence.
            db.Certificates.Add(Certificate("2023-M-0001", 2023, "91440300MA5F999999", "[\"DP-2\"]"));
            db.Certificates.Add(Certificate("2025-M-0001", 2025, "91440300MA5F999998", "[\"DP-1\"]"));
            await db.SaveChangesAsync();
        }

        var stage = new ScreeningStage(new SystemLabels());
        await stage.RunAsync(run, scenario.Data, CancellationToken.None);
        var (outcome, screenings) = await stage.RunAsync(run, scenario.Data, CancellationToken.None);

        Assert.Equal("screening", stage.Name);
        Assert.Equal(2, outcome.Counts["applications"]);
        Assert.Equal(1, outcome.Counts["ineligible"]);
        Assert.Equal(1, outcome.Counts["needsReview"]);
        Assert.Equal(0, outcome.Counts["eligible"]);
        Assert.Equal(["A-001", "A-002"], screenings.Select(s => s.ApplicationId));

        var results = CsvText.Read(File.ReadAllText(temp.Combine("out", "results", "screening-results.csv")));
        var requirements = CsvText.Read(File.ReadAllText(temp.Combine("out", "results", "requirements.csv")));
        Assert.Equal(["ApplicationId", "LabelType", "Kind", "Outcome", "NotMet", "Unknown", "Reasons", "ReasonsZh"], results[0]);
        Assert.Equal(3, results.Count);
        Assert.Equal(["A-001", "M", "New", "Ineligible", "4.1-I"], results[1][..5]);
        Assert.Equal("", results[1][5]);
        Assert.Contains("DP-2 not counted: already evidence of label 2023-M-0001 (footnote 6)", results[1][6], StringComparison.Ordinal);
        Assert.Contains("DP-2不计算：已是标志2023-M-0001的申报资料（脚注6）", results[1][7], StringComparison.Ordinal);
        Assert.Equal(["A-002", "M", "New", "NeedsReview", "", "1.4"], results[2][..6]);
        Assert.Equal(["A-002", "4.1-I-3", "Met", "SZ-2022-17"], requirements.Single(r => r[0] == "A-002" && r[1] == "4.1-I-3")[..4]);

        Assert.Equal(["ApplicationId", "Requirement", "Result", "Evidence", "Note", "RequirementName", "RequirementNameZh", "NoteZh"], requirements[0]);
        Assert.Equal(
            ["1.4", "DUP", "2.1", "4.1-I", "4.1-I-1", "4.1-I-2", "4.1-I-3", "4.1-II"],
            requirements.Skip(1).Where(r => r[0] == "A-001").Select(r => r[1]));
        var demonstration = requirements.Single(r => r[0] == "A-001" && r[1] == "4.1-I-2");
        Assert.Equal(["A-001", "4.1-I-2", "NotMet", "DP-1"], demonstration[..4]);
        Assert.Equal(["two demonstration projects", "两个示范项目"], demonstration[5..7]);
        Assert.StartsWith("1个示范项目于", demonstration[7], StringComparison.Ordinal);
        Assert.Equal(16, requirements.Count - 1);

        await using var check = run.OpenDb();
        Assert.Equal(2, check.ScreeningOutcomes.Count(o => o.RunId == run.RunId));
        Assert.Equal(16, check.RequirementResults.Count(r => r.RunId == run.RunId));
        Assert.Equal(6, check.RequirementResults.Count(r => r.RunId == run.RunId && !r.IsTopLevel));
    }

    private static async Task<RunContext> NewRunAsync(TempFolder temp, CycleCalendar calendar)
    {
        var database = temp.Combine("run.db");
        BatchCycleDatabase.Sqlite(database).Migrate();
        var request = new RunRequest(temp.Combine("in"), temp.Combine("out"), calendar.Year, calendar.Closes, "test");
        await using var db = BatchCycleDatabase.Sqlite(database).Open();
        var record = new RunRecord
        {
            Year = calendar.Year,
            State = RunState.Running,
            StartedAt = DateTime.UtcNow,
            StartedBy = "test",
            InputFolder = request.InputFolder,
            OutFolder = request.OutFolder,
            AsOf = request.AsOf,
        };
        db.Runs.Add(record);
        await db.SaveChangesAsync();
        return new RunContext(record.Id, request, calendar, new BatchCycleSettings(), BatchCycleDatabase.Sqlite(database), NullLoggerFactory.Instance);
    }

    private static CertificateRecord Certificate(string serial, int year, string factory, string evidence) => new()
    {
        Serial = serial,
        Year = year,
        LabelType = "M",
        Sequence = 1,
        ApplicationId = "OLD-" + serial,
        HolderName = "其他公司",
        FactoryId = factory,
        AwardedOn = new DateOnly(year, 12, 19),
        ExpiresOn = new DateOnly(year + 2, 12, 18),
        Route = "DemonstrationProjects",
        VerificationCode = "code-" + serial,
        EvidenceJson = evidence,
        IssuedAt = DateTime.UtcNow,
    };
}
