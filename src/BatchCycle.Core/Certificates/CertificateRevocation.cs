using System.Globalization;
using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Certificates;

public enum RevocationResult
{
    Revoked,

    /// <summary>Revoked before: the first revocation's date, reason and author are kept.</summary>
    AlreadyRevoked,

    NotFound,

    /// <summary>The request itself was wrong (no reason, a date before the award or after today).</summary>
    Refused,
}

/// <summary>What the secretariat asks: revoke <paramref name="Serial"/> from <paramref name="On"/> for <paramref name="Reason"/>.</summary>
public sealed record RevocationRequest(string Serial, string Reason, DateOnly On, string By);

/// <summary>The answer to a revocation, with a bilingual sentence for the person who asked and the serial as issued.</summary>
public sealed record RevocationOutcome(RevocationResult Result, string Message, string? Serial = null);

/// <summary>
/// Guide 11.1, 11.2: a label the system issued can be revoked. The certificate keeps its row, so its serial is
/// never handed out again, and is marked with the day, the reason and who revoked it; from then on it counts
/// for no route, renews nothing, gets no reminder, and <c>/verify</c> calls it revoked (docs/criteria.md, Revocation).
/// </summary>
public static class CertificateRevocation
{
    public static async Task<RevocationOutcome> RevokeAsync(BatchCycleDatabase database, RevocationRequest request, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var serial = request.Serial.Trim();
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return new(RevocationResult.Refused, "撤销须注明原因。A revocation needs a reason; nothing was changed.");
        }

        if (request.On > today)
        {
            return new(RevocationResult.Refused, $"撤销日期 {Days.Iso(request.On)} 晚于今天。The revocation date {Days.Iso(request.On)} is after today ({Days.Iso(today)}); nothing was changed.");
        }

        await using var db = database.Open();
        // A serial typed in lower case still finds its certificate; the exact spelling wins should two differ only in case.
        var certificate = await db.Certificates.AsNoTracking()
            .Where(c => EF.Functions.Collate(c.Serial, "NOCASE") == serial)
            .OrderBy(c => c.Serial == serial ? 0 : 1)
            .FirstOrDefaultAsync(cancellationToken);
        if (certificate is null)
        {
            return new(RevocationResult.NotFound, $"没有编号为 {serial} 的证书。No certificate with serial {serial} was issued by this system; nothing was changed.");
        }

        if (request.On < certificate.AwardedOn)
        {
            return new(RevocationResult.Refused, $"撤销日期 {Days.Iso(request.On)} 早于颁发日期。The revocation date {Days.Iso(request.On)} is before {certificate.Serial} was awarded ({Days.Iso(certificate.AwardedOn)}); nothing was changed.");
        }

        // Only a certificate still in force is updated, so two revocations at once cannot both record theirs.
        var changed = await db.Certificates
            .Where(c => c.Id == certificate.Id && !c.Revoked)
            .ExecuteUpdateAsync(
                set => set.SetProperty(c => c.Revoked, true)
                    .SetProperty(c => c.RevokedOn, request.On)
                    .SetProperty(c => c.RevocationReason, request.Reason.Trim())
                    .SetProperty(c => c.RevokedBy, request.By),
                cancellationToken);
        if (changed == 0)
        {
            var earlier = await db.Certificates.AsNoTracking().SingleAsync(c => c.Id == certificate.Id, cancellationToken);
            return new(RevocationResult.AlreadyRevoked, $"{earlier.Serial} 已于 {Days.Iso(earlier.RevokedOn)} 撤销。{earlier.Serial} was already revoked on {Days.Iso(earlier.RevokedOn)} by {earlier.RevokedBy ?? "?"}; nothing was changed.");
        }

        return new(
            RevocationResult.Revoked,
            $"{certificate.Serial} 已撤销，自 {Days.Iso(request.On)} 起。{certificate.Serial} ({certificate.HolderName}) is revoked from {Days.Iso(request.On)}.",
            certificate.Serial);
    }

    /// <summary>
    /// docs/criteria.md, Revocation: a register row marked <c>Revoked</c> for a serial the system issued revokes the
    /// system's certificate the same way, on <paramref name="on"/>, naming the register row as its author.
    /// </summary>
    /// <returns>One message per certificate revoked now, for the run's warnings.</returns>
    public static async Task<IReadOnlyList<Message>> FromRegisterAsync(
        BatchCycleDatabase database, IEnumerable<RegisterLabel> register, DateOnly on, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(register);
        var marked = register.Where(l => l.Revoked && l.Source is not null)
            .GroupBy(l => l.Serial.ToUpperInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        if (marked.Count == 0)
        {
            return [];
        }

        await using var db = database.Open();
        var inForce = await db.Certificates.AsNoTracking()
            .Where(c => !c.Revoked)
            .Select(c => new { c.Id, c.Serial, c.AwardedOn })
            .ToListAsync(cancellationToken);
        var revoked = new List<Message>();
        foreach (var certificate in inForce.Where(c => marked.ContainsKey(c.Serial.ToUpperInvariant())))
        {
            var row = marked[certificate.Serial.ToUpperInvariant()].Source!.Value;
            var where = $"{row.File}, {row.Sheet}, row {row.Row.ToString(CultureInfo.InvariantCulture)}";
            var from = on < certificate.AwardedOn ? certificate.AwardedOn : on;
            await db.Certificates
                .Where(c => c.Id == certificate.Id && !c.Revoked)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(c => c.Revoked, true)
                        .SetProperty(c => c.RevokedOn, from)
                        .SetProperty(c => c.RevocationReason, $"marked Revoked in the label register ({where})")
                        .SetProperty(c => c.RevokedBy, "label register"),
                    cancellationToken);
            revoked.Add(Message.Of("Warning.RegisterRevoked", certificate.Serial, row.File, row.Sheet, row.Row, from));
        }

        return revoked;
    }
}
