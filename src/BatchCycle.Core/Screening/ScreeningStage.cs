using System.Diagnostics;
using System.Threading.Channels;
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
    public async Task<StageResult<IReadOnlyList<ApplicationScreening>>> RunAsync(RunContext run, CycleData input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        var log = run.LoggerFactory.CreateLogger<ScreeningStage>();
        var watch = Stopwatch.StartNew();
        var (labels, revoked) = await systemLabels.ReadAsync(run, input.RegisterLabels, cancellationToken);
        run.ReportProgress(0.2);

        var screenings = Screener.Screen(input, labels, run.Calendar);
        run.ReportProgress(0.5);
        log.LogDebug("screening: {Count} applications screened at {Seconds:0.00} s", screenings.Count, watch.Elapsed.TotalSeconds);

        // The rows are made once, a block at a time on every core, and go both to the two result files and, through
        // a short queue, to the database's writer on its own thread: each is a few hundred thousand rows.
        var blocks = Channel.CreateBounded<ScreeningRows.Rows[]>(new BoundedChannelOptions(BlocksAhead) { SingleReader = true, SingleWriter = true });
        var stored = Task.Run(() => StoreAsync(run, blocks, cancellationToken), cancellationToken);
        try
        {
            await WriteFilesAsync(run, screenings, blocks.Writer, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // The database's writer stopped: its own failure is the one to report, just below.
        }
        catch (Exception ex)
        {
            // A result file that failed leaves nothing committed in the database either.
            blocks.Writer.TryComplete(ex);
            await Task.WhenAny(stored);
            throw;
        }

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
            .WithWarnings(revoked.Select(r => Catalogue.Bilingual(r, run.Settings.ChineseCulture())))
            .With(screenings);
    }

    /// <summary>Blocks of rows made ahead of the database's writer: enough to keep it busy, few enough to hold little.</summary>
    private const int BlocksAhead = 2;

    private static async Task WriteFilesAsync(RunContext run, IReadOnlyList<ApplicationScreening> screenings, ChannelWriter<ScreeningRows.Rows[]> toStore, CancellationToken cancellationToken)
    {
        await using var results = CsvOutput.Begin(run.OutPath("results", "screening-results.csv"), ResultsHeader);
        await using var requirements = CsvOutput.Begin(run.OutPath("results", "requirements.csv"), RequirementsHeader);
        foreach (var block in ScreeningRows.Blocks(screenings, run.Settings.ChineseCulture(), cancellationToken))
        {
            await toStore.WriteAsync(block, cancellationToken);
            foreach (var rows in block)
            {
                results.Add(rows.Result);
                foreach (var line in rows.Requirements)
                {
                    requirements.Add(line);
                }
            }
        }

        toStore.Complete();
        await results.CompleteAsync(cancellationToken);
        await requirements.CompleteAsync(cancellationToken);
    }

    /// <summary>Replaces the run's stored results in one transaction, so the stage can be re-run alone.</summary>
    private static async Task StoreAsync(RunContext run, Channel<ScreeningRows.Rows[]> blocks, CancellationToken cancellationToken)
    {
        try
        {
            await StoreAsync(run, blocks.Reader, cancellationToken);
        }
        catch (Exception ex)
        {
            // The files' writer waits on a full queue otherwise.
            blocks.Writer.TryComplete(ex);
            throw;
        }
    }

    private static async Task StoreAsync(RunContext run, ChannelReader<ScreeningRows.Rows[]> blocks, CancellationToken cancellationToken)
    {
        await using var db = run.OpenDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in new[] { "ScreeningOutcomes", "RequirementResults" })
        {
            await TableInsert.DeleteRunAsync(connection, transaction, table, run.RunId, cancellationToken);
        }

        // PostgreSQL takes one COPY at a time on a connection, so the outcomes (one short row per application, the
        // first seven fields of its results line) wait for the requirement lines.
        var outcomes = new List<object?[]>();
        await using (var requirement = await TableInsert.StartAsync(connection, transaction, "RequirementResults", RequirementColumns, cancellationToken))
        {
            await foreach (var block in blocks.ReadAllAsync(cancellationToken))
            {
                foreach (var rows in block)
                {
                    var result = rows.Result;
                    outcomes.Add([run.RunId, result[0], result[1], result[2], result[3], result[4], result[5], result[6]]);
                    for (var i = 0; i < rows.Requirements.Length; i++)
                    {
                        var line = rows.Requirements[i];
                        requirement.Add(run.RunId, line[0], line[1], line[2], line[3], line[4], rows.Screening.Requirements[i].IsTopLevel, rows.Reasons[i]);
                    }
                }
            }

            await requirement.CompleteAsync(cancellationToken);
        }

        await using (var outcome = await TableInsert.StartAsync(connection, transaction, "ScreeningOutcomes", OutcomeColumns, cancellationToken))
        {
            foreach (var values in outcomes)
            {
                outcome.Add(values);
            }

            await outcome.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static readonly string[] OutcomeColumns = ["RunId", "ApplicationId", "LabelType", "Kind", "Outcome", "NotMet", "Unknown", "Reasons"];

    private static readonly string[] RequirementColumns = ["RunId", "ApplicationId", "Requirement", "Result", "Evidence", "Note", "IsTopLevel", "Reason"];
}
