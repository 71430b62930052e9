using BatchCycle.Cycle;

namespace BatchCycle.Import;

// The records of docs/inputs.md, one per input kind, as they are after import: values parsed, identifiers
// trimmed and upper-cased, codes resolved. Every record remembers the row it came from so that any
// result can be traced back to the secretariat's file.

/// <summary>
/// Where a record was read: file name as uploaded, sheet (the file name again for CSV) and 1-based row. A value,
/// not an object of its own: a whole-region cycle holds millions of records, each with its row.
/// </summary>
public readonly record struct SourceRow(string File, string Sheet, int Row)
{
    public override string ToString() => $"{File} [{Sheet}] row {Row}";
}

public enum ApplicationKind
{
    New,
    Renewal,
}

public enum RegistrationPlace
{
    HK,
    Mainland,
    Overseas,
}

/// <summary>How the applicant relates to the factory (guide footnote 4).</summary>
public enum FactoryRelationship
{
    /// <summary>(a) joint or co-operative venture.</summary>
    A,

    /// <summary>(b) wholly owned.</summary>
    B,

    /// <summary>(c) processing-trade contract 三来一补.</summary>
    C,

    /// <summary>(d) mainland enterprise whose major shareholder is a Hong Kong resident.</summary>
    D,

    /// <summary>(ii) factory in Hong Kong owned and operated by the applicant.</summary>
    HongKongOwned,
}

public enum SiteCheckResult
{
    Pass,
    Fail,
}

public sealed record Application(
    string ApplicationId,
    LabelType LabelType,
    ApplicationKind Kind,
    string ApplicantName,
    string? ApplicantNameEn,
    RegistrationPlace? RegistrationPlace,
    string? RegistrationNo,
    string? ProviderId,
    string? FactoryId,
    string? FactoryName,
    string? FactoryAddress,
    string? FactoryCity,
    FactoryRelationship? Relationship,
    decimal? HolderStakeInFactoryPct,
    decimal? HolderStakeInApplicantPct,
    bool? HolderIsHkResident,
    SiteCheckResult? SiteCheck,
    bool? DeclarationSigned,
    string? ContactName,
    string? ContactEmail,
    DateOnly? SubmittedOn,
    SourceRow Source)
{
    /// <summary>
    /// The BR number as written when a text cell gave fewer than 8 digits: RegistrationNo holds it padded, and
    /// 2.1 / 2.2 ask the secretariat to confirm it. Null when the number was read as written (or from a number cell).
    /// </summary>
    public string? RegistrationNoAsWritten { get; init; }
}

public enum ProjectType
{
    OnSiteAssessment,
    DemonstrationProject,
    Verification,

    /// <summary>Any other project type: kept, never counted.</summary>
    Other,
}

public enum ProjectStatus
{
    Approved,
    InProgress,
    Completed,
    Withdrawn,
    Rejected,
}

public readonly record struct FundedProject(
    string ProjectRef,
    ProjectType ProjectType,
    string ProjectTypeText,
    string FactoryId,
    string? FactoryName,
    string? ProviderId,
    string? RecommendedBy,
    ProjectStatus Status,
    DateOnly? ApprovedOn,
    DateOnly? CompletedOn,
    decimal? GrantHkd,
    int? PreviouslyDeclaredIn,
    SourceRow Source);

public enum OptionCost
{
    NoCost,
    Cost,
}

public enum OptionStatus
{
    Completed,
    Planned,
    NotPlanned,
}

public readonly record struct ImprovementOption(
    string ProjectRef,
    string OptionNo,
    OptionCost Cost,
    string? Description,
    bool? ReducesVocOrNox,
    OptionStatus Status,
    DateOnly? CompletedOn,
    int? PreviouslyDeclaredIn,
    SourceRow Source);

public sealed record Violation(
    string CaseRef,
    string? Authority,
    string? EntityId,
    string EntityName,
    DateOnly? ViolationDate,
    DateOnly? PenaltyDate,
    string? Law,
    string? Penalty,
    SourceRow Source);

/// <summary>How a label in the register was obtained.</summary>
public enum LabelRoute
{
    OnSiteAssessment,
    DemonstrationProjects,
    Audit,
    PriorLabels,
    Title,
    Recommendation,
    Procurement,
    Projects,
}

/// <summary>
/// A label awarded in an earlier cycle: imported from the register spreadsheet (<see cref="Source"/> set) or
/// issued by this system (<see cref="Source"/> null, <see cref="EvidenceRefs"/> naming what it was awarded on,
/// which footnote 6 then excludes from later applications).
/// </summary>
public sealed record RegisterLabel(
    string Serial,
    LabelType LabelType,
    string HolderName,
    string? HolderRegistrationNo,
    string? FactoryId,
    string? ProviderId,
    DateOnly AwardedOn,
    DateOnly ExpiresOn,
    LabelRoute? Route,
    bool Revoked,
    string? ContactEmail,
    string? ContactName,
    SourceRow? Source,
    IReadOnlyList<string> EvidenceRefs);

public enum TitleType
{
    MunicipalCpAudit,
    MunicipalCpEnterprise,
    ProvincialCpEnterprise,
    GreenFactoryMiit,
    GreenFactoryProvincial,
}

public sealed record Title(
    string FactoryId,
    string? FactoryName,
    TitleType TitleType,
    string? CertificateNo,
    DateOnly IssuedOn,
    DateOnly? ValidUntil,
    SourceRow Source);

public enum ProviderStatus
{
    Registered,
    Delisted,
}

public sealed record ServiceProvider(
    string ProviderId,
    string ProviderName,
    ProviderStatus Status,
    DateOnly? RegisteredOn,
    DateOnly? DelistedOn,
    SourceRow Source);

public enum ComplaintKind
{
    ClientComplaint,
    PoorServiceReport,
}

public sealed record Complaint(
    string ProviderId,
    DateOnly ReceivedOn,
    ComplaintKind? Kind,
    bool? Substantiated,
    string? Ref,
    SourceRow Source);

public sealed record ProcurementDeclaration(
    string ApplicationId,
    string SupplierFactoryId,
    string? SupplierName,
    DateOnly PeriodFrom,
    DateOnly? PeriodTo,
    SourceRow Source);

public enum PanelDecisionValue
{
    Approve,
    Reject,
    Defer,
}

public sealed record PanelDecision(
    string ApplicationId,
    PanelDecisionValue Decision,
    string? Remarks,
    SourceRow Source);

/// <summary>A row or file that could not be read, in the words shown to the secretariat.</summary>
public sealed record ImportIssue(string File, string? Sheet, int? Row, string? Column, BatchCycle.Messages.Message Message)
{
    /// <summary>The problem in English, as import-issues.csv has always written it.</summary>
    public string Problem => BatchCycle.Messages.Catalogue.Render(Message, BatchCycle.Messages.Catalogue.English);
}
