using BatchCycle.Cycle;
using BatchCycle.Messages;
using BatchCycle.Storage;

namespace BatchCycle.Certificates;

/// <summary>
/// What the certificate template is filled with: one page per certificate. The pages are read once, in order, as
/// the template reaches them, so that a combined file of tens of thousands of pages never holds them all at once.
/// </summary>
public sealed record CertificateDocument(IEnumerable<CertificatePage> Certificates);

/// <summary>
/// The values one certificate page may show. The names are the template's vocabulary (the comment at the top
/// of <c>templates/certificate.html</c> lists them), so renaming one breaks the secretariat's templates.
/// </summary>
public sealed record CertificatePage(
    string Serial,
    int Year,
    string LabelCode,
    string LabelNameZh,
    string LabelNameEn,
    string HolderName,
    string? HolderNameEn,
    string? FactoryName,
    string? FactoryId,
    string AwardedOn,
    string AwardedOnZh,
    string AwardedOnEn,
    string ExpiresOn,
    string ExpiresOnZh,
    string ExpiresOnEn,
    string VerificationCode,
    string VerifyUrl,
    string QrCode)
{
    /// <summary>The page of a certificate, its Chinese values in <paramref name="script"/>, the script of the template it goes into.</summary>
    public static CertificatePage From(CertificateRecord certificate, string verifyBaseUrl, HolderScript script)
    {
        var labelType = Enum.Parse<LabelType>(certificate.LabelType);
        var verifyUrl = VerificationCodes.VerifyUrl(verifyBaseUrl, certificate.VerificationCode);
        return new CertificatePage(
            certificate.Serial,
            certificate.Year,
            certificate.LabelType,
            script.LabelName(labelType),
            LabelTypes.EnglishName(labelType),
            certificate.HolderName,
            certificate.HolderNameEn,
            certificate.FactoryName,
            certificate.FactoryId,
            Days.Iso(certificate.AwardedOn),
            Days.Chinese(certificate.AwardedOn),
            Days.English(certificate.AwardedOn),
            Days.Iso(certificate.ExpiresOn),
            Days.Chinese(certificate.ExpiresOn),
            Days.English(certificate.ExpiresOn),
            certificate.VerificationCode,
            verifyUrl,
            VerificationCodes.QrCodeDataUri(verifyUrl));
    }

}
