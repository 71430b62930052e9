using BatchCycle.Cycle;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard;

public enum CertificateStatus
{
    Valid,
    Expired,
    Revoked,
}

/// <summary>Only what a member of the public may learn from a verification code; no contact, evidence or run data.</summary>
public sealed record VerifiedCertificate(
    string Serial,
    string HolderName,
    string? HolderNameEn,
    string LabelTypeZh,
    string LabelTypeEn,
    DateOnly AwardedOn,
    DateOnly ExpiresOn,
    CertificateStatus Status)
{
    /// <summary>The day a revoked certificate stopped being valid; never its reason (guide 11 is about the label, not the case).</summary>
    public DateOnly? RevokedOn { get; init; }
}

public static class CertificateVerification
{
    public static async Task<VerifiedCertificate?> FindAsync(BatchCycleDatabase database, string code, DateOnly today, CancellationToken cancellationToken)
    {
        // Codes are URL-safe base64 of at least 128 bits; anything else cannot be one, so skip the query.
        if (code.Length is < 16 or > 128 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        await using var db = database.Open();
        var certificate = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.VerificationCode == code, cancellationToken);
        if (certificate is null)
        {
            return null;
        }

        var known = Enum.TryParse<LabelType>(certificate.LabelType, out var type) && Enum.IsDefined(type);
        var status = certificate.Revoked ? CertificateStatus.Revoked
            : certificate.ExpiresOn < today ? CertificateStatus.Expired
            : CertificateStatus.Valid;
        return new VerifiedCertificate(
            certificate.Serial,
            certificate.HolderName,
            certificate.HolderNameEn,
            known ? LabelTypes.ChineseName(type) : certificate.LabelType,
            known ? LabelTypes.EnglishName(type) : certificate.LabelType,
            certificate.AwardedOn,
            certificate.ExpiresOn,
            status)
        {
            RevokedOn = certificate.Revoked ? certificate.RevokedOn : null,
        };
    }
}
