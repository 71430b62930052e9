using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Pipeline;
using BatchCycle.Screening;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Panel;

/// <summary>What the panel stage is given: the run's imported records and their screenings, ordered by application id.</summary>
public sealed record PanelInput(CycleData Imported, IReadOnlyList<ApplicationScreening> Screenings);

/// <summary>
/// The <c>panel</c> stage: checks the panel decisions the run imported against the cycle's applications and
/// writes <c>panel/&lt;Year&gt;-panel.xlsx</c> from the run's screening results, with the decisions in force
/// pre-filled so that the panel continues where it left off. It gives the stages after it the latest decision
/// of each application (<see cref="PanelDecisionBook.Effective"/>).
/// </summary>
public sealed class PanelStage : IRunStage<PanelInput, IReadOnlyDictionary<string, PanelDecision>>
{
    public const string StageName = "panel";

    public string Name => StageName;

    public async Task<StageResult<IReadOnlyDictionary<string, PanelDecision>>> RunAsync(RunContext run, PanelInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        var data = input.Imported;
        var applications = new Dictionary<string, Application>(StringComparer.Ordinal);
        foreach (var application in data.Applications)
        {
            applications.TryAdd(application.ApplicationId, application);
        }

        var review = DecisionReview.Of(data.PanelDecisions, applications);
        var newIssues = await AddIssuesOnceAsync(run, review.Ignored, cancellationToken);
        if (newIssues > 0)
        {
            await ImportIssueLog.WriteCsvAsync(run, cancellationToken);
        }

        var (screenings, warnings) = Matched(input.Screenings, applications, run.Settings.ChineseCulture());
        run.ReportProgress(0.5);

        var workbook = new PanelWorkbook(
            run.Calendar,
            DateTimeOffset.UtcNow,
            await LoadSourceFilesAsync(run, cancellationToken),
            await ImportIssueLog.LoadAsync(run, cancellationToken),
            screenings,
            review.InForce)
        {
            Cultures = run.Settings.WorkbookCultures(),
        };
        PanelWorkbookWriter.Write(workbook, run.OutPath("panel", $"{run.Calendar.Year}-panel.xlsx"));

        if (review.Ignored.Count > 0)
        {
            warnings.Add(Catalogue.Bilingual(Message.Of("Warning.DecisionsIgnored", review.Ignored.Count), run.Settings.ChineseCulture()));
        }

        warnings.AddRange(review.Replacements.Select(r => Catalogue.Bilingual(r, run.Settings.ChineseCulture())));
        return StageOutcome.Of(
                ("applications", screenings.Count),
                ("decisions", data.PanelDecisions.Count),
                ("decisionsInForce", review.InForce.Count),
                ("decisionsReplaced", review.Replacements.Count),
                ("decisionsIgnored", review.Ignored.Count))
            .WithWarnings(warnings)
            .With(PanelDecisionBook.Effective(data.PanelDecisions));
    }

    /// <summary>
    /// The screenings of the given applications, and a warning for each kind of mismatch: results that name no
    /// application of the run, applications without a result. A run's own screening leaves neither; a state put
    /// together by hand (or by an earlier version) may, and the panel must not be shown a partial cycle silently.
    /// </summary>
    private static (IReadOnlyList<ApplicationScreening> Screenings, List<string> Warnings) Matched(
        IReadOnlyList<ApplicationScreening> screenings, IReadOnlyDictionary<string, Application> applications, System.Globalization.CultureInfo chinese)
    {
        var warnings = new List<string>();
        var orphans = screenings.Where(s => !applications.ContainsKey(s.ApplicationId)).Select(s => s.ApplicationId).ToList();
        if (orphans.Count > 0)
        {
            warnings.Add(Catalogue.Bilingual(Message.Of("Warning.Orphans", MessageList.Of(ListStyle.Comma, orphans)), chinese));
        }

        var screened = screenings.Select(s => s.ApplicationId).ToHashSet(StringComparer.Ordinal);
        var unscreened = applications.Keys.Count(id => !screened.Contains(id));
        if (unscreened > 0)
        {
            warnings.Add(Catalogue.Bilingual(Message.Of("Warning.Unscreened", unscreened), chinese));
        }

        return (orphans.Count == 0 ? screenings : [.. screenings.Where(s => applications.ContainsKey(s.ApplicationId))], warnings);
    }

    /// <summary>Adds the issues not yet recorded for the run, so that re-running the stage does not list them twice.</summary>
    private static async Task<int> AddIssuesOnceAsync(RunContext run, IReadOnlyList<ImportIssue> issues, CancellationToken cancellationToken)
    {
        if (issues.Count == 0)
        {
            return 0;
        }

        var recorded = (await ImportIssueLog.LoadAsync(run, cancellationToken)).ToHashSet();
        var fresh = issues.Where(recorded.Add).ToList();
        await ImportIssueLog.AddAsync(run, fresh, cancellationToken);
        return fresh.Count;
    }

    private static async Task<IReadOnlyList<PanelSourceFile>> LoadSourceFilesAsync(RunContext run, CancellationToken cancellationToken)
    {
        await using var db = run.OpenDb();
        return await db.SourceFiles.AsNoTracking()
            .Where(f => f.RunId == run.RunId)
            .OrderBy(f => f.Id)
            .Select(f => new PanelSourceFile(f.OriginalName ?? f.FileName, f.Sha256))
            .ToListAsync(cancellationToken);
    }
}
