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
        Step(new ScreeningStage(new SystemLabels()), s => s.State.RequireImported(s.Stage), (s, screenings) => s.State with { Imported = s.State.Imported?.AfterScreening(), Screenings = screenings }),
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

    private static IPipelineStage Step<TInput, TOutput>(
        IRunStage<TInput, TOutput> stage, Func<StepInput, TInput> input, Func<StepInput, TOutput, PipelineState> next) =>
        stage is ITemplatedStage templated
            ? new TemplatedStep<TInput, TOutput>(stage, templated, input, next)
            : new PlainStep<TInput, TOutput>(stage, input, next);

    /// <summary>What a step picks its stage's input from.</summary>
    private sealed record StepInput(IRunStage Stage, PipelineState State, RunRequest Request);

    private class PlainStep<TInput, TOutput>(
        IRunStage<TInput, TOutput> stage, Func<StepInput, TInput> input, Func<StepInput, TOutput, PipelineState> next) : IPipelineStage
    {
        public string Name => stage.Name;

        public async Task<StageResult<PipelineState>> RunAsync(RunContext run, PipelineState state, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(run);
            ArgumentNullException.ThrowIfNull(state);
            var given = new StepInput(stage, state, run.Request);
            var result = await stage.RunAsync(run, input(given), cancellationToken);
            return result.Outcome.With(next(given, result.Value));
        }
    }

    /// <summary>A step whose stage fills in templates, so that the pipeline finds it among the templated stages.</summary>
    private sealed class TemplatedStep<TInput, TOutput>(
        IRunStage<TInput, TOutput> stage, ITemplatedStage templated, Func<StepInput, TInput> input, Func<StepInput, TOutput, PipelineState> next)
        : PlainStep<TInput, TOutput>(stage, input, next), ITemplatedStage
    {
        public void CheckTemplates(BatchCycleSettings settings) => templated.CheckTemplates(settings);
    }
}
