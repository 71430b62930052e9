using BatchCycle.Certificates;
using BatchCycle.Import;
using BatchCycle.Notices;
using BatchCycle.Panel;
using BatchCycle.Pipeline;
using BatchCycle.Reminders;
using BatchCycle.Screening;

namespace BatchCycle.Runs;

/// <summary>
/// Rebuilds the state a run had reached from what the database and the stored source files hold, for a run that
/// carries on in another attempt or process (a resumed or retried run, a job): the one way a stage's output is
/// read back, so that a resumed run's stages receive what they would have received had it never stopped.
/// </summary>
public static class PipelineStateLoader
{
    /// <summary>The parts of the state that <paramref name="completedStages"/> produced; other stages' names add nothing.</summary>
    /// <exception cref="ArgumentException">A stage is named without the stages whose output its own is read against.</exception>
    public static async Task<PipelineState> LoadAsync(RunContext run, IEnumerable<string> completedStages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(completedStages);
        var done = completedStages.ToHashSet(StringComparer.Ordinal);
        var state = PipelineState.Empty;
        if (done.Contains(PipelineStages.Import))
        {
            state = state with { Imported = await StoredImport.LoadAsync(run, cancellationToken) };
        }

        if (done.Contains(PipelineStages.Screening))
        {
            var imported = Need(state.Imported, PipelineStages.Screening, PipelineStages.Import);
            state = state with { Imported = imported.AfterScreening(), Screenings = await StoredScreenings.LoadAsync(run, imported.Applications, cancellationToken) };
        }

        if (done.Contains(PipelineStages.Panel))
        {
            // The decisions in force are the imported decisions read in order; the panel stage stores nothing else of them.
            state = state with { DecisionsInForce = PanelDecisionBook.Effective(Need(state.Imported, PipelineStages.Panel, PipelineStages.Import).PanelDecisions) };
        }

        if (done.Contains(PipelineStages.Certificates))
        {
            state = state with { Certificates = await CertificatesStage.OfYearAsync(run, cancellationToken) };
        }

        if (done.Contains(PipelineStages.Notices))
        {
            var decided = NoticeDraftStage.Decided(
                Need(state.Imported, PipelineStages.Notices, PipelineStages.Import), Need(state.DecisionsInForce, PipelineStages.Notices, PipelineStages.Panel));
            state = state with { Notices = await NoticeDraftStage.DraftedAsync(run, decided, cancellationToken) };
        }

        if (done.Contains(PipelineStages.Reminders))
        {
            state = state with { Reminders = await ReminderDraftStage.DraftedAsync(run, run.Settings.Reminders.Round, cancellationToken) };
        }

        return state;
    }

    private static T Need<T>(T? part, string stage, string producer)
        where T : class =>
        part ?? throw new ArgumentException($"The {stage} stage is named as completed without the {producer} stage, whose output its own is read against.", "completedStages");
}
