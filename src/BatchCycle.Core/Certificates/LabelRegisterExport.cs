using BatchCycle.Messages;
using BatchCycle.Files;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Certificates;

/// <summary>Where a label the system issued stands on the day of the export.</summary>
public enum LabelState
{
    Valid,

    /// <summary>Past its ExpiresOn (guide 9.1: a label is valid for two years).</summary>
    Expired,

    /// <summary>Revoked (guide 11.1, 11.2); the serial stays taken.</summary>
    Revoked,
}

/// <summary>How many labels an export listed in each state.</summary>
public sealed record LabelRegisterCounts(int Valid, int Expired, int Revoked)
{
    public int Total => Valid + Expired + Revoked;
}

/// <summary>
/// The label register of every certificate the system issued, in every year (issue: "an exported label register
/// show the state"): the columns of the label register the import reads (docs/inputs.md), so the file can be the next
/// cycle's register as it is, followed by the label's <c>State</c> on the day of the export and its <c>RevokedOn</c>.
/// The revocation reason is kept out: the register travels further than the database.
/// </summary>
public static class LabelRegisterExport
{
    public static readonly IReadOnlyList<string> Header =
    [
        "Serial", "LabelType", "HolderName", "HolderRegistrationNo", "FactoryId", "ProviderId", "AwardedOn", "ExpiresOn", "Route",
        "Revoked", "ContactEmail", "ContactName", "State", "RevokedOn",
    ];

    public static LabelState StateOn(CertificateRecord certificate, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.Revoked)
        {
            return LabelState.Revoked;
        }

        return certificate.ExpiresOn < day ? LabelState.Expired : LabelState.Valid;
    }

    /// <summary>Writes <paramref name="file"/> from the database, ordered by serial, and counts the states.</summary>
    public static async Task<LabelRegisterCounts> WriteAsync(BatchCycleDatabase database, string file, DateOnly day, CancellationToken cancellationToken)
    {
        List<CertificateRecord> certificates;
        await using (var db = database.Open())
        {
            certificates = await db.Certificates.AsNoTracking().ToListAsync(cancellationToken);
        }

        var rows = certificates.OrderBy(c => c.Serial, StringComparer.Ordinal).Select(c => (Certificate: c, State: StateOn(c, day))).ToList();
        await CsvOutput.WriteAsync(file, Header, rows.Select(r => Row(r.Certificate, r.State)), cancellationToken);
        return new LabelRegisterCounts(
            rows.Count(r => r.State == LabelState.Valid), rows.Count(r => r.State == LabelState.Expired), rows.Count(r => r.State == LabelState.Revoked));
    }

    private static IReadOnlyList<string?> Row(CertificateRecord c, LabelState state) =>
    [
        c.Serial, c.LabelType, c.HolderName, c.HolderRegistrationNo, c.FactoryId, c.ProviderId, Days.Iso(c.AwardedOn), Days.Iso(c.ExpiresOn), c.Route,
        c.Revoked ? "yes" : "no", c.ContactEmail, c.ContactName, state.ToString(), c.RevokedOn is { } revokedOn ? Days.Iso(revokedOn) : null,
    ];
}
