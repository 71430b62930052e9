using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Notices;
using BatchCycle.Panel;
using BatchCycle.Pipeline;
using BatchCycle.Publication;
using BatchCycle.Reminders;
using BatchCycle.Screening;

namespace BatchCycle.Runs;

/// <summary>
/// The stages of a full cycle run, in order, each fitted into the run's state: what it is given is taken out of
/// the state, what it produced is put back for the stages after it.
/// </summary>
public static class PipelineStages
{
    public const string Import = ImportStage.StageName;

    public const string Screening = ScreeningStage.StageName;

    public const string Panel = PanelStage.StageName;

    public const string Certificates = CertificatesStage.StageName;

    public const string Notices = NoticeDraftStage.StageName;

    public const string Reminders = ReminderDraftStage.StageName;

    public static IReadOnlyList<IPipelineStage> Create() =>
    [
        Step(new ImportStage(), s => s.Request, (s, imported) => s.State with { Imported = imported }),
        // Only the kinds the later stages read are kept while screening runs: the evidence it alone weighs (4.3 of the 4.7
        // million records at 100×) is then held by the stage only, which lets it go once the applications are screened.
        Step(
            new ScreeningStage(new SystemLabels()),
            s => s.State.RequireImported(s.Stage),
            (s, screenings) => s.State with { Screenings = screenings },
            s => s.State with { Imported = s.State.Imported?.AfterScreening() }),
        Step(
            new PanelStage(),
            s => new PanelInput(s.State.RequireImported(s.Stage), s.State.RequireScreenings(s.Stage)),
            (s, decisions) => s.State with { DecisionsInForce = decisions }),
        Step(
            new CertificatesStage(),
            s => new CertificatesInput(s.State.RequireImported(s.Stage), s.State.RequireScreenings(s.Stage), s.State.RequireDecisions(s.Stage)),
            (s, certificates) => s.State with { Certificates = certificates }),
        Step(new ShortlistStage(), s => s.State.RequireImported(s.Stage), (s, _) => s.State),
        Step(
            new NoticeDraftStage(),
            s => new NoticeInput(
                s.State.RequireImported(s.Stage), s.State.RequireScreenings(s.Stage), s.State.RequireDecisions(s.Stage), s.State.RequireCertificates(s.Stage)),
            (s, notices) => s.State with { Notices = notices }),
        Reminder(),
    ];

    /// <summary>The reminders stage alone, drafting <paramref name="round"/> (the settings' round when null).</summary>
    public static IPipelineStage Reminder(string? round = null) =>
        Step(new ReminderDraftStage(round), s => s.State.RequireImported(s.Stage), (s, reminders) => s.State with { Reminders = reminders });

    /// <param name="input">What the stage is given, taken from the state.</param>
    /// <param name="next">The state after the stage, from the state <paramref name="kept"/> and what the stage produced.</param>
    /// <param name="kept">What of the state is kept while the stage runs (all of it when null); the stage's input is held by the stage alone.</param>
    private static IPipelineStage Step<TInput, TOutput>(
        IRunStage<TInput, TOutput> stage,
        Func<StepInput, TInput> input,
        Func<StepInput, TOutput, PipelineState> next,
        Func<StepInput, PipelineState>? kept = null) =>
        stage is ITemplatedStage templated
            ? new TemplatedStep<TInput, TOutput>(stage, templated, input, next, kept)
            : new PlainStep<TInput, TOutput>(stage, input, next, kept);

    /// <summary>What a step picks its stage's input from.</summary>
    private sealed record StepInput(IRunStage Stage, PipelineState State, RunRequest Request);

    private class PlainStep<TInput, TOutput>(
        IRunStage<TInput, TOutput> stage,
        Func<StepInput, TInput> input,
        Func<StepInput, TOutput, PipelineState> next,
        Func<StepInput, PipelineState>? kept) : IPipelineStage
    {
        public string Name => stage.Name;

        /// <summary>Not itself async, so that only the state kept, not the whole state given, is held while the stage runs.</summary>
        public Task<StageResult<PipelineState>> RunAsync(RunContext run, PipelineState state, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(run);
            ArgumentNullException.ThrowIfNull(state);
            var given = new StepInput(stage, state, run.Request);
            var running = stage.RunAsync(run, input(given), cancellationToken);
            return NextAsync(running, kept is null ? given : given with { State = kept(given) });
        }

        private async Task<StageResult<PipelineState>> NextAsync(Task<StageResult<TOutput>> running, StepInput keeping)
        {
            var result = await running;
            return result.Outcome.With(next(keeping, result.Value));
        }
    }

    /// <summary>A step whose stage fills in templates, so that the pipeline finds it among the templated stages.</summary>
    private sealed class TemplatedStep<TInput, TOutput>(
        IRunStage<TInput, TOutput> stage,
        ITemplatedStage templated,
        Func<StepInput, TInput> input,
        Func<StepInput, TOutput, PipelineState> next,
        Func<StepInput, PipelineState>? kept)
        : PlainStep<TInput, TOutput>(stage, input, next, kept), ITemplatedStage
    {
        public void CheckTemplates(BatchCycleSettings settings) => templated.CheckTemplates(settings);
    }
}
