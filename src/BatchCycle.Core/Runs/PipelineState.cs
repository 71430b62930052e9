using BatchCycle.Import;
using BatchCycle.Notices;
using BatchCycle.Pipeline;
using BatchCycle.Reminders;
using BatchCycle.Screening;
using BatchCycle.Storage;

namespace BatchCycle.Runs;

/// <summary>
/// What the stages of one run have produced so far, handed from stage to stage by <see cref="CyclePipeline"/>:
/// imported records → screenings → panel decisions in force → the year's certificates → drafted notices and
/// reminders. A part is null until the stage that produces it has run. The state lives only as long as its run,
/// so nothing of one run is kept for another; a resumed run rebuilds it with <see cref="PipelineStateLoader"/>.
/// </summary>
public sealed record PipelineState
{
    public static PipelineState Empty { get; } = new();

    /// <summary>
    /// The records the import read, each kind in the order it was read; once screening has run, only the kinds the
    /// later stages read (<see cref="CycleData.AfterScreening"/>).
    /// </summary>
    public CycleData? Imported { get; init; }

    /// <summary>Every imported application's screening, ordered by application id.</summary>
    public IReadOnlyList<ApplicationScreening>? Screenings { get; init; }

    /// <summary>
    /// The latest panel decision of each application (by application id), those naming no imported application
    /// included: the panel stage lists them as import issues, the certificates stage warns of an approval among them.
    /// </summary>
    public IReadOnlyDictionary<string, PanelDecision>? DecisionsInForce { get; init; }

    /// <summary>Every certificate of the cycle year, revoked ones included, ordered by serial.</summary>
    public IReadOnlyList<CertificateRecord>? Certificates { get; init; }

    /// <summary>The latest notice of each application with a decision in force, ordered by application id.</summary>
    public IReadOnlyList<DraftedNotice>? Notices { get; init; }

    /// <summary>The reminders of the cycle's round, ordered by label serial.</summary>
    public IReadOnlyList<DraftedReminder>? Reminders { get; init; }

    public CycleData RequireImported(IRunStage stage) => Require(Imported, stage, "imported records", PipelineStages.Import);

    public IReadOnlyList<ApplicationScreening> RequireScreenings(IRunStage stage) => Require(Screenings, stage, "screenings", PipelineStages.Screening);

    public IReadOnlyDictionary<string, PanelDecision> RequireDecisions(IRunStage stage) =>
        Require(DecisionsInForce, stage, "panel decisions in force", PipelineStages.Panel);

    public IReadOnlyList<CertificateRecord> RequireCertificates(IRunStage stage) => Require(Certificates, stage, "certificates", PipelineStages.Certificates);

    /// <summary>
    /// A part missing when a stage needs it means the stages were put together in the wrong order (a bug, not the
    /// user's mistake), so the error names both stages.
    /// </summary>
    private static T Require<T>(T? part, IRunStage stage, string what, string producer)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(stage);
        return part ?? throw new InvalidOperationException(
            $"The {stage.Name} stage needs the {what} of the {producer} stage, which has not run before it in this pipeline.");
    }
}

/// <summary>A stage as <see cref="CyclePipeline"/> runs it: from the run's state to the next.</summary>
public interface IPipelineStage : IRunStage<PipelineState, PipelineState>;
