using System.Linq.Expressions;
using System.Text.Json;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Certificates;

/// <summary>
/// The certificates this system issued, seen as labels of the register: later cycles screen renewals against
/// them (REN), exclude their evidence (footnote 6) and remind their holders before they expire.
/// </summary>
public static class IssuedLabels
{
    /// <summary>Every issued certificate of every cycle, revoked ones included (marked), ordered by serial.</summary>
    public static Task<IReadOnlyList<RegisterLabel>> LoadAsync(BatchCycleDb db, CancellationToken cancellationToken) =>
        LoadAsync(db, _ => true, cancellationToken);

    /// <summary>The issued certificates that satisfy <paramref name="where"/>, ordered by serial.</summary>
    public static async Task<IReadOnlyList<RegisterLabel>> LoadAsync(
        BatchCycleDb db, Expression<Func<CertificateRecord, bool>> where, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var certificates = await db.Certificates.AsNoTracking().Where(where).ToListAsync(cancellationToken);
        return [.. certificates.OrderBy(c => c.Serial, StringComparer.Ordinal).Select(ToRegisterLabel)];
    }

    /// <summary>A label issued by the system has no source row; its evidence is what the award relied on.</summary>
    public static RegisterLabel ToRegisterLabel(CertificateRecord certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new RegisterLabel(
            certificate.Serial,
            Enum.Parse<LabelType>(certificate.LabelType),
            certificate.HolderName,
            certificate.HolderRegistrationNo,
            certificate.FactoryId,
            certificate.ProviderId,
            certificate.AwardedOn,
            certificate.ExpiresOn,
            certificate.Route is null ? null : Enum.Parse<LabelRoute>(certificate.Route),
            certificate.Revoked,
            certificate.ContactEmail,
            certificate.ContactName,
            Source: null,
            EvidenceRefs: JsonSerializer.Deserialize<List<string>>(certificate.EvidenceJson) ?? []);
    }

    public static string EvidenceJson(IReadOnlyList<string> evidenceRefs) => JsonSerializer.Serialize(evidenceRefs);
}
