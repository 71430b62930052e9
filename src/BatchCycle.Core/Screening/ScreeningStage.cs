using System.Globalization;
using BatchCycle.Files;
using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Pipeline;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Screening;

/// <summary>
/// The <c>screening</c> stage: screens the records the run imported, against the labels the system issued in
/// other cycles (through an <see cref="ISystemLabelSource"/>), stores the outcomes and every requirement line,
/// and writes <c>results/screening-results.csv</c> and <c>results/requirements.csv</c> (OUTPUTS.md). It gives the
/// stages after it the screenings, ordered by application id.
/// </summary>
public sealed class ScreeningStage(ISystemLabelSource systemLabels) : IRunStage<CycleData, IReadOnlyList<ApplicationScreening>>
{
    /// <summary>The columns other tools read, then <c>ReasonsZh</c> (OUTPUTS.md): new columns only ever go last.</summary>
    public static readonly IReadOnlyList<string> ResultsHeader = ["ApplicationId", "LabelType", "Kind", "Outcome", "NotMet", "Unknown", "Reasons", "ReasonsZh"];

    public static readonly IReadOnlyList<string> RequirementsHeader =
        ["ApplicationId", "Requirement", "Result", "Evidence", "Note", "RequirementName", "RequirementNameZh", "NoteZh"];

    public const string StageName = "screening";

    public string Name => StageName;

    /// <param name="input">The records the run imported.</param>
    public async Task<StageResult<IReadOnlyList<ApplicationScreening>>> RunAsync(RunContext run, CycleData input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        var (labels, revoked) = await systemLabels.ReadAsync(run, input.RegisterLabels, cancellationToken);
        run.ReportProgress(0.2);

        var screenings = Screener.Screen(input, labels, run.Calendar);
        run.ReportProgress(0.5);

        // The database and the two result files are written side by side: each is a few hundred thousand rows.
        var stored = Task.Run(() => StoreAsync(run, screenings, cancellationToken), cancellationToken);
        var chinese = run.Settings.ChineseCulture();
        await CsvOutput.WriteAsync(run.OutPath("results", "screening-results.csv"), ResultsHeader, screenings.Select(s => ResultRow(s, chinese)), cancellationToken);
        await CsvOutput.WriteAsync(
            run.OutPath("results", "requirements.csv"),
            RequirementsHeader,
            screenings.SelectMany(s => s.Requirements.Select(r => RequirementRow(s, r, chinese))),
            cancellationToken);
        await stored;
        run.ReportProgress(0.8);

        return StageOutcome.Of(
            ("applications", screenings.Count),
            ("eligible", screenings.Count(s => s.Outcome == Outcome.Eligible)),
            ("ineligible", screenings.Count(s => s.Outcome == Outcome.Ineligible)),
            ("needsReview", screenings.Count(s => s.Outcome == Outcome.NeedsReview)),
            ("revokedByRegister", revoked.Count))
            .WithWarnings(revoked.Select(r => Catalogue.Bilingual(r, run.Settings.ChineseCulture())))
            .With(screenings);
    }

    private static IReadOnlyList<string?> ResultRow(ApplicationScreening s, CultureInfo chinese) =>
        [s.ApplicationId, s.LabelType.ToString(), s.Kind.ToString(), s.Outcome.ToString(), string.Join(';', s.NotMet), string.Join(';', s.Unknown), s.Reasons, s.ReasonsIn(chinese)];

    private static IReadOnlyList<string?> RequirementRow(ApplicationScreening s, RequirementResult r, CultureInfo chinese) =>
    [
        s.ApplicationId, r.Requirement, r.Result.ToString(), EvidenceList.Join(r.Evidence), r.Note,
        Catalogue.RequirementName(r.Requirement, Catalogue.English), Catalogue.RequirementName(r.Requirement, chinese), r.NoteIn(chinese),
    ];

    /// <summary>Replaces the run's stored results in one transaction, so the stage can be re-run alone.</summary>
    private static async Task StoreAsync(RunContext run, IReadOnlyList<ApplicationScreening> screenings, CancellationToken cancellationToken)
    {
        await using var db = run.OpenDb();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        foreach (var table in new[] { "ScreeningOutcomes", "RequirementResults" })
        {
            await using var clear = connection.CreateCommand();
            clear.Transaction = transaction;
            clear.CommandText = $"DELETE FROM {table} WHERE RunId = $run";
            clear.Parameters.AddWithValue("$run", run.RunId);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var outcome = connection.CreateCommand();
        outcome.Transaction = transaction;
        outcome.CommandText = """
            INSERT INTO ScreeningOutcomes (RunId, ApplicationId, LabelType, Kind, Outcome, NotMet, Unknown, Reasons)
            VALUES ($run, $application, $type, $kind, $outcome, $notMet, $unknown, $reasons)
            """;
        outcome.Parameters.AddWithValue("$run", run.RunId);
        var oApplication = outcome.Parameters.Add("$application", SqliteType.Text);
        var oType = outcome.Parameters.Add("$type", SqliteType.Text);
        var oKind = outcome.Parameters.Add("$kind", SqliteType.Text);
        var oOutcome = outcome.Parameters.Add("$outcome", SqliteType.Text);
        var oNotMet = outcome.Parameters.Add("$notMet", SqliteType.Text);
        var oUnknown = outcome.Parameters.Add("$unknown", SqliteType.Text);
        var oReasons = outcome.Parameters.Add("$reasons", SqliteType.Text);
        outcome.Prepare();

        await using var requirement = connection.CreateCommand();
        requirement.Transaction = transaction;
        requirement.CommandText = """
            INSERT INTO RequirementResults (RunId, ApplicationId, Requirement, Result, Evidence, Note, IsTopLevel, Reason)
            VALUES ($run, $application, $requirement, $result, $evidence, $note, $top, $reason)
            """;
        requirement.Parameters.AddWithValue("$run", run.RunId);
        var rApplication = requirement.Parameters.Add("$application", SqliteType.Text);
        var rRequirement = requirement.Parameters.Add("$requirement", SqliteType.Text);
        var rResult = requirement.Parameters.Add("$result", SqliteType.Text);
        var rEvidence = requirement.Parameters.Add("$evidence", SqliteType.Text);
        var rNote = requirement.Parameters.Add("$note", SqliteType.Text);
        var rTop = requirement.Parameters.Add("$top", SqliteType.Integer);
        var rReason = requirement.Parameters.Add("$reason", SqliteType.Text);
        requirement.Prepare();

        // The screening keeps one copy of each repeated reason, so each is written out as JSON once.
        var stored = new Dictionary<Message, string>();

        foreach (var screening in screenings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            oApplication.Value = screening.ApplicationId;
            oType.Value = screening.LabelType.ToString();
            oKind.Value = screening.Kind.ToString();
            oOutcome.Value = screening.Outcome.ToString();
            oNotMet.Value = string.Join(';', screening.NotMet);
            oUnknown.Value = string.Join(';', screening.Unknown);
            oReasons.Value = screening.Reasons;
            // Synchronous: Microsoft.Data.Sqlite runs the async form synchronously anyway, at a cost per row.
            outcome.ExecuteNonQuery();

            foreach (var line in screening.Requirements)
            {
                rApplication.Value = screening.ApplicationId;
                rRequirement.Value = line.Requirement;
                rResult.Value = line.Result.ToString();
                rEvidence.Value = EvidenceList.Join(line.Evidence);
                rNote.Value = line.Note;
                rTop.Value = line.IsTopLevel ? 1 : 0;
                if (!stored.TryGetValue(line.Reason, out var json))
                {
                    stored[line.Reason] = json = MessageJson.Serialize(line.Reason);
                }

                rReason.Value = json;
                requirement.ExecuteNonQuery();
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
