using BatchCycle.Import;
using BatchCycle.Pipeline;
using BatchCycle.Screening;

namespace BatchCycle.Certificates;

/// <summary>The system's labels as screening reads them: the certificates of table Certificates (see <see cref="ISystemLabelSource"/>).</summary>
public sealed class SystemLabels : ISystemLabelSource
{
    /// <summary>
    /// Certificates issued by the system in other cycles are register labels whose evidence is spent (footnote 6).
    /// This cycle's own certificates are its outcome, not prior evidence, so they are left out; otherwise a re-run
    /// after issuing would find its own awards and reject them.
    /// </summary>
    public async Task<SystemLabelsRead> ReadAsync(RunContext run, IReadOnlyList<RegisterLabel> register, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(register);

        // Before the system's labels are read, so a label the register revokes counts for nothing in this run.
        var revoked = await CertificateRevocation.FromRegisterAsync(run.Database, register, run.AsOf, cancellationToken);
        await using var db = run.OpenDb();
        var year = run.Calendar.Year;
        return new SystemLabelsRead(await IssuedLabels.LoadAsync(db, c => c.Year != year, cancellationToken), revoked);
    }
}
