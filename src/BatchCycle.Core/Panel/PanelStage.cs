using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Runs;
using BatchCycle.Screening;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Panel;

/// <summary>
/// The <c>panel</c> stage: checks the panel decisions the run imported against the cycle's applications and
/// writes <c>panel/&lt;Year&gt;-panel.xlsx</c> from the run's screening results, with the decisions in force
/// pre-filled so that the panel continues where it left off.
/// </summary>
public sealed class PanelStage : IRunStage
{
    public string Name => "panel";

    public async Task<StageOutcome> RunAsync(RunContext run, CancellationToken cancellationToken)
    {
        var data = await ImportStore.LoadAsync(run, cancellationToken);
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

        run.ReportProgress(0.2);
        var (screenings, warnings) = await LoadScreeningsAsync(run, applications, cancellationToken);
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
            .WithWarnings(warnings);
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

    /// <summary>
    /// Rebuilds each screened application from the screening stage's tables and the imported application it
    /// belongs to. Results that name no imported application, and applications without a result, are reported.
    /// </summary>
    private static async Task<(IReadOnlyList<ApplicationScreening> Screenings, List<string> Warnings)> LoadScreeningsAsync(
        RunContext run, IReadOnlyDictionary<string, Application> applications, CancellationToken cancellationToken)
    {
        if (ScreeningResults.Recall(run) is { } screenedHere)
        {
            // Screened in this process from these very applications: nothing can be orphaned or missing.
            return (screenedHere, []);
        }

        await using var db = run.OpenDb();
        var screened = await db.ScreeningOutcomes.AsNoTracking()
            .Where(o => o.RunId == run.RunId)
            .Select(o => o.ApplicationId)
            .ToListAsync(cancellationToken);
        var lines = await db.RequirementResults.AsNoTracking()
            .Where(r => r.RunId == run.RunId)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var linesByApplication = lines.ToLookup(r => r.ApplicationId, StringComparer.Ordinal);

        var warnings = new List<string>();
        var screenings = new List<ApplicationScreening>(screened.Count);
        var orphans = new List<string>();
        foreach (var id in screened.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!applications.TryGetValue(id, out var application))
            {
                orphans.Add(id);
                continue;
            }

            screenings.Add(new ApplicationScreening(application, [.. linesByApplication[id].Select(ToResult)]));
        }

        if (orphans.Count > 0)
        {
            warnings.Add(Catalogue.Bilingual(Message.Of("Warning.Orphans", MessageList.Of(ListStyle.Comma, orphans)), run.Settings.ChineseCulture()));
        }

        var unscreened = applications.Count - (screened.Distinct(StringComparer.Ordinal).Count() - orphans.Count);
        if (unscreened > 0)
        {
            warnings.Add(Catalogue.Bilingual(Message.Of("Warning.Unscreened", unscreened), run.Settings.ChineseCulture()));
        }

        return (screenings, warnings);
    }

    private static RequirementResult ToResult(Storage.RequirementResultRecord record) =>
        new(
            record.Requirement,
            Enum.TryParse<RequirementStatus>(record.Result, ignoreCase: false, out var status) && Enum.IsDefined(status)
                ? status
                // The screening stage writes only the names of RequirementStatus; anything else is a bug there, not a user error.
                : throw new InvalidOperationException($"Requirement result '{record.Result}' of {record.ApplicationId} {record.Requirement} is not Met, NotMet, Unknown or NotEvaluated."),
            record.Evidence.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            record.Reason is { } reason ? MessageJson.Deserialize(reason) : Message.Of("Stored", record.Note))
        {
            IsTopLevel = record.IsTopLevel,
        };
}
