using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Pipeline;

namespace BatchCycle.Screening;

/// <summary>
/// The labels this system issued in other cycles, which screening counts as register labels whose evidence is
/// spent (footnote 6), and the revocations the label register asked for. The system's certificates belong to a
/// higher layer than screening, so the pipeline hands screening this source instead of screening reaching up.
/// </summary>
public interface ISystemLabelSource
{
    /// <summary>
    /// Applies the revocations <paramref name="register"/> marks, then reads the system's labels of every other
    /// cycle, so that a label the register revokes counts for nothing in this run.
    /// </summary>
    Task<SystemLabelsRead> ReadAsync(RunContext run, IReadOnlyList<RegisterLabel> register, CancellationToken cancellationToken);
}

/// <summary>The system's labels of the other cycles, and one message per certificate the register revoked now.</summary>
public sealed record SystemLabelsRead(IReadOnlyList<RegisterLabel> Labels, IReadOnlyList<Message> RevokedByRegister);
