using System.Diagnostics;
using System.Globalization;
using BatchCycle.Files;
using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Pipeline;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BatchCycle.Screening;

/// <summary>
/// The <c>screening</c> stage: screens the records the run imported, against the labels the system issued in
/// other cycles (through an <see cref="ISystemLabelSource"/>), stores the outcomes and every requirement line,
/// and writes <c>results/screening-results.csv</c> and <c>results/requirements.csv</c> (docs/outputs.md). It gives the
/// stages after it the screenings, ordered by application id.
/// </summary>
public sealed class ScreeningStage(ISystemLabelSource systemLabels) : IRunStage<CycleData, IReadOnlyList<ApplicationScreening>>
{
    /// <summary>The columns other tools read, then <c>ReasonsZh</c> (docs/outputs.md): new columns only ever go last.</summary>
    public static readonly IReadOnlyList<string> ResultsHeader = ["ApplicationId", "LabelType", "Kind", "Outcome", "NotMet", "Unknown", "Reasons", "ReasonsZh"];

    public static readonly IReadOnlyList<string> RequirementsHeader =
        ["ApplicationId", "Requirement", "Result", "Evidence", "Note", "RequirementName", "RequirementNameZh", "NoteZh"];

    public const string StageName = "screening";

    public string Name => StageName;

    /// <param name="input">The records the run imported.</param>
    /// <remarks>
    /// Not itself async: the records are held by <see cref="ScreenAsync"/> alone, and let go once the applications are
    /// screened. The evidence the later stages do not read is then held by nothing (PipelineStages), and the result
    /// files and stored rows are written without it: 550 MB at 100×.
    /// </remarks>
    public Task<StageResult<IReadOnlyList<ApplicationScreening>>> RunAsync(RunContext run, CycleData input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        var log = run.LoggerFactory.CreateLogger<ScreeningStage>();
        var watch = Stopwatch.StartNew();
        return WriteAsync(run, ScreenAsync(run, input, log, watch, cancellationToken), log, watch, cancellationToken);
    }

    private async Task<Screened> ScreenAsync(
        RunContext run, CycleData input, ILogger log, Stopwatch watch, CancellationToken cancellationToken)
    {
        var (labels, revoked) = await systemLabels.ReadAsync(run, input.RegisterLabels, cancellationToken);
        run.ReportProgress(0.2);

        var screenings = Screener.Screen(input, labels, run.Calendar);
        run.ReportProgress(0.5);
        log.LogDebug("screening: {Count} applications screened at {Seconds:0.00} s", screenings.Count, watch.Elapsed.TotalSeconds);
        return new Screened(screenings, revoked);
    }

    private static async Task<StageResult<IReadOnlyList<ApplicationScreening>>> WriteAsync(
        RunContext run, Task<Screened> screening, ILogger log, Stopwatch watch, CancellationToken cancellationToken)
    {
        var (screenings, revoked) = await screening;
        // The evidence is let go (RunAsync) but sits in the oldest generation, which the writing below does not fill up
        // to a full collection: at 100× the stage then held 1.4–1.5 GB while it wrote, 1.15–1.3 GB once it is collected
        // here (0.6–1 s). Compacting gives the memory back; a collection that only sweeps left it at 1.5 GB.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        log.LogDebug("screening: evidence let go at {Seconds:0.00} s", watch.Elapsed.TotalSeconds);

        // The database and the two result files are written side by side: each is a few hundred thousand rows.
        var stored = Task.Run(() => StoreAsync(run, screenings, cancellationToken), cancellationToken);
        var chinese = run.Settings.ChineseCulture();
        await CsvOutput.WriteAsync(run.OutPath("results", "screening-results.csv"), ResultsHeader, screenings.Select(s => ResultRow(s, chinese)), cancellationToken);
        var notes = new RenderedReasons<(string English, string Chinese)>(reason => (Catalogue.Render(reason, Catalogue.English), Catalogue.Render(reason, chinese)));
        await CsvOutput.WriteAsync(
            run.OutPath("results", "requirements.csv"),
            RequirementsHeader,
            screenings.SelectMany(s => s.Requirements.Select(r => RequirementRow(s, r, notes.Of(r.Reason), chinese))),
            cancellationToken);
        log.LogDebug("screening: result files written at {Seconds:0.00} s", watch.Elapsed.TotalSeconds);
        await stored;
        log.LogDebug("screening: results stored at {Seconds:0.00} s", watch.Elapsed.TotalSeconds);
        run.ReportProgress(0.8);

        return StageOutcome.Of(
            ("applications", screenings.Count),
            ("eligible", screenings.Count(s => s.Outcome == Outcome.Eligible)),
            ("ineligible", screenings.Count(s => s.Outcome == Outcome.Ineligible)),
            ("needsReview", screenings.Count(s => s.Outcome == Outcome.NeedsReview)),
            ("revokedByRegister", revoked.Count))
            .WithWarnings(revoked.Select(r => Catalogue.Bilingual(r, chinese)))
            .With(screenings);
    }

    private static IReadOnlyList<string?> ResultRow(ApplicationScreening s, CultureInfo chinese) =>
        [s.ApplicationId, s.LabelType.ToString(), s.Kind.ToString(), s.Outcome.ToString(), string.Join(';', s.NotMet), string.Join(';', s.Unknown), s.Reasons, s.ReasonsIn(chinese)];

    private static IReadOnlyList<string?> RequirementRow(ApplicationScreening s, RequirementResult r, (string English, string Chinese) note, CultureInfo chinese) =>
    [
        s.ApplicationId, r.Requirement, r.Result.ToString(), EvidenceList.Join(r.Evidence), note.English,
        Catalogue.RequirementName(r.Requirement, Catalogue.English), Catalogue.RequirementName(r.Requirement, chinese), note.Chinese,
    ];

    /// <summary>Replaces the run's stored results in one transaction, so the stage can be re-run alone.</summary>
    private static async Task StoreAsync(RunContext run, IReadOnlyList<ApplicationScreening> screenings, CancellationToken cancellationToken)
    {
        await using var db = run.OpenDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in new[] { "ScreeningOutcomes", "RequirementResults" })
        {
            await TableInsert.DeleteRunAsync(connection, transaction, table, run.RunId, cancellationToken);
        }

        await using (var outcome = await TableInsert.StartAsync(connection, transaction, "ScreeningOutcomes", OutcomeColumns, cancellationToken))
        {
            foreach (var s in screenings)
            {
                cancellationToken.ThrowIfCancellationRequested();
                outcome.Add(run.RunId, s.ApplicationId, s.LabelType.ToString(), s.Kind.ToString(), s.Outcome.ToString(), string.Join(';', s.NotMet), string.Join(';', s.Unknown), s.Reasons);
            }

            await outcome.CompleteAsync(cancellationToken);
        }

        var stored = new RenderedReasons<(string Json, string Note)>(reason => (MessageJson.Serialize(reason), Catalogue.Render(reason, Catalogue.English)));
        await using (var requirement = await TableInsert.StartAsync(connection, transaction, "RequirementResults", RequirementColumns, cancellationToken))
        {
            foreach (var screening in screenings)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var line in screening.Requirements)
                {
                    var reason = stored.Of(line.Reason);
                    requirement.Add(run.RunId, screening.ApplicationId, line.Requirement, line.Result.ToString(), EvidenceList.Join(line.Evidence), reason.Note, line.IsTopLevel, reason.Json);
                }
            }

            await requirement.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The applications screened, and the register's labels that the system's revocations overrule.</summary>
    private sealed record Screened(IReadOnlyList<ApplicationScreening> Screenings, IReadOnlyList<Message> Revoked);

    private static readonly string[] OutcomeColumns = ["RunId", "ApplicationId", "LabelType", "Kind", "Outcome", "NotMet", "Unknown", "Reasons"];

    private static readonly string[] RequirementColumns = ["RunId", "ApplicationId", "Requirement", "Result", "Evidence", "Note", "IsTopLevel", "Reason"];
}
