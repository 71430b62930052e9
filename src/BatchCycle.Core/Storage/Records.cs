namespace BatchCycle.Storage;

// Rows of the embedded database. They are storage shapes, mutable for EF Core; the pipeline works with the
// immutable records of Import/ and Screening/ and converts at the edge.

public enum RunState
{
    Running,
    Completed,
    Failed,

    /// <summary>The process stopped (crash, kill, power) while the run was active; found by the next run.</summary>
    Interrupted,

    /// <summary>Recorded and handed to the job queue; it starts when no other run is active.</summary>
    Queued,
}

public enum StageState
{
    Pending,
    Running,
    Completed,
    Failed,
}

public sealed class RunRecord
{
    public long Id { get; set; }

    public int Year { get; set; }

    public RunState State { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>A user name, <c>cli</c>, or <c>schedule:&lt;name&gt;</c>.</summary>
    public string StartedBy { get; set; } = "";

    public string InputFolder { get; set; } = "";

    public string OutFolder { get; set; } = "";

    public DateOnly AsOf { get; set; }

    public string? CurrentStage { get; set; }

    public string? Error { get; set; }

    /// <summary>The background job that runs (and retries) this run; null for a command-line run.</summary>
    public string? JobId { get; set; }

    public List<RunStageRecord> Stages { get; set; } = [];
}

public sealed class RunStageRecord
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public int Position { get; set; }

    public string Stage { get; set; } = "";

    public StageState State { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>0 to 1 while running, for the dashboard's progress bar.</summary>
    public double Progress { get; set; }

    /// <summary>JSON object of counts, e.g. {"applications":40,"issues":3}.</summary>
    public string CountsJson { get; set; } = "{}";

    /// <summary>JSON array of warnings shown to the user.</summary>
    public string WarningsJson { get; set; } = "[]";

    public string? Error { get; set; }
}

/// <summary>An input file exactly as it was given, so a run can be explained later.</summary>
public sealed class SourceFileRecord
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public string FileName { get; set; } = "";

    /// <summary>The name the file was uploaded under, when an inbox stored it under another; null otherwise.</summary>
    public string? OriginalName { get; set; }

    public string Sha256 { get; set; } = "";

    public long Size { get; set; }

    public byte[] Content { get; set; } = [];

    public DateTime? LastModified { get; set; }

    /// <summary>The input kinds recognised in the file, comma-separated; empty when none.</summary>
    public string Kinds { get; set; } = "";
}

public sealed class ImportIssueRecord
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public string File { get; set; } = "";

    public string? Sheet { get; set; }

    public int? Row { get; set; }

    public string? Column { get; set; }

    public string Problem { get; set; } = "";

    /// <summary>The problem as a message of the catalogue (JSON), so it reads in Chinese too; null on issues stored before.</summary>
    public string? ProblemMessage { get; set; }
}

public sealed class ScreeningOutcomeRecord
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public string ApplicationId { get; set; } = "";

    public string LabelType { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Outcome { get; set; } = "";

    public string NotMet { get; set; } = "";

    public string Unknown { get; set; } = "";

    public string Reasons { get; set; } = "";
}

public sealed class RequirementResultRecord
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public string ApplicationId { get; set; } = "";

    public string Requirement { get; set; } = "";

    public string Result { get; set; } = "";

    /// <summary>Evidence references joined by "; ".</summary>
    public string Evidence { get; set; } = "";

    public string Note { get; set; } = "";

    public bool IsTopLevel { get; set; }

    /// <summary>The reason as a message of the catalogue (JSON); null on lines stored before it was kept.</summary>
    public string? Reason { get; set; }
}

/// <summary>A certificate issued by the system; also a label of the register for later cycles.</summary>
public sealed class CertificateRecord
{
    public long Id { get; set; }

    public string Serial { get; set; } = "";

    public int Year { get; set; }

    public string LabelType { get; set; } = "";

    public int Sequence { get; set; }

    public string ApplicationId { get; set; } = "";

    public string HolderName { get; set; } = "";

    public string? HolderNameEn { get; set; }

    public string? HolderRegistrationNo { get; set; }

    public string? FactoryId { get; set; }

    public string? FactoryName { get; set; }

    public string? ProviderId { get; set; }

    public DateOnly AwardedOn { get; set; }

    public DateOnly ExpiresOn { get; set; }

    public string? Route { get; set; }

    /// <summary>URL-safe random code of at least 128 bits for <c>/verify/&lt;code&gt;</c>.</summary>
    public string VerificationCode { get; set; } = "";

    /// <summary>JSON array of the evidence references the award relied on (footnote 6 for later cycles).</summary>
    public string EvidenceJson { get; set; } = "[]";

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public bool Revoked { get; set; }

    /// <summary>The day the revocation took effect (guide 11); null when not revoked or revoked before it was recorded.</summary>
    public DateOnly? RevokedOn { get; set; }

    public string? RevocationReason { get; set; }

    /// <summary>The secretariat user, command-line user or register file that revoked it.</summary>
    public string? RevokedBy { get; set; }

    public DateTime IssuedAt { get; set; }

    public long RunId { get; set; }
}

public sealed class UserRecord
{
    public long Id { get; set; }

    public string UserName { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>Random; carried in the sign-in cookie and replaced on sign-out, password change and disabling, which ends every session made with the old one.</summary>
    public string SecurityStamp { get; set; } = "";

    /// <summary>A disabled account cannot sign in and its sessions end; <c>users enable</c> gives it back.</summary>
    public bool Disabled { get; set; }
}
