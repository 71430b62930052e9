using System.Globalization;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Messages;

namespace BatchCycle.Screening;

public enum RequirementStatus
{
    Met,
    NotMet,
    Unknown,

    /// <summary>
    /// Not checked: when REN is not met there is no label being renewed, so the requirements counted from its
    /// award date (ValidityStart) have nothing to count from (docs/criteria.md, REN). Decides no outcome.
    /// </summary>
    NotEvaluated,
}

public enum Outcome
{
    Eligible,
    Ineligible,
    NeedsReview,
}

/// <summary>
/// One line of screening: the requirement id of docs/criteria.md (e.g. <c>4.1-I</c>, <c>4.1-I-1</c>, <c>REN</c>),
/// the result, the evidence that decided it (project refs, option numbers, title certificate numbers, label
/// serials, violation case refs) and the reason, a message of the catalogue rendered in each reader's language.
/// </summary>
public sealed record RequirementResult(string Requirement, RequirementStatus Result, IReadOnlyList<string> Evidence, Message Reason)
{
    /// <summary>Top-level requirements decide the outcome; route lines such as <c>4.1-I-2</c> explain it.</summary>
    public bool IsTopLevel { get; init; } = true;

    /// <summary>The reason in English (the <c>Note</c> column of requirements.csv).</summary>
    public string Note => Catalogue.Render(Reason, Catalogue.English);

    public string NoteIn(CultureInfo culture) => Catalogue.Render(Reason, culture);
}

/// <summary>The screening of one application: its outcome and every requirement line it was checked against.</summary>
public sealed record ApplicationScreening(Application Application, IReadOnlyList<RequirementResult> Requirements)
{
    public string ApplicationId => Application.ApplicationId;

    public LabelType LabelType => Application.LabelType;

    public ApplicationKind Kind => Application.Kind;

    public IReadOnlyList<string> NotMet => [.. TopLevel(RequirementStatus.NotMet)];

    public IReadOnlyList<string> Unknown => [.. TopLevel(RequirementStatus.Unknown)];

    public Outcome Outcome =>
        Requirements.Any(r => r.IsTopLevel && r.Result == RequirementStatus.NotMet) ? Outcome.Ineligible
        : Requirements.Any(r => r.IsTopLevel && r.Result == RequirementStatus.Unknown) ? Outcome.NeedsReview
        : Outcome.Eligible;

    /// <summary>The reasons in English (the <c>Reasons</c> column of screening-results.csv).</summary>
    public string Reasons => ReasonsIn(Catalogue.English);

    /// <summary>The notes of the requirements that kept the application from being eligible, in order, in <paramref name="culture"/>.</summary>
    public string ReasonsIn(CultureInfo culture) => Catalogue.Render(ReasonList(), culture);

    /// <summary>Each reason on its own, "4.1-I: …", in <paramref name="culture"/>.</summary>
    public IReadOnlyList<string> EachReasonIn(CultureInfo culture) =>
        [.. ReasonList().Items.Select(r => Catalogue.Render((Message)r, culture))];

    private MessageList ReasonList() => MessageList.Of(ListStyle.Reasons, Requirements
        .Where(r => r.IsTopLevel && r.Result is RequirementStatus.NotMet or RequirementStatus.Unknown)
        .Select(r => (object)Message.Of("Reason", r.Requirement, r.Reason)));

    private IEnumerable<string> TopLevel(RequirementStatus status) =>
        Requirements.Where(r => r.IsTopLevel && r.Result == status).Select(r => r.Requirement);
}
