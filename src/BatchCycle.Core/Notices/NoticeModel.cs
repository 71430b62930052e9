using System.Globalization;
using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Pipeline;
using BatchCycle.Screening;
using BatchCycle.Storage;

namespace BatchCycle.Notices;

/// <summary>What the notice templates are given; the names are listed in <see cref="NoticeTemplates"/> and the templates' comments.</summary>
public static class NoticeModel
{
    /// <summary>
    /// The values of one notice, its Chinese in <paramref name="script"/>: the label's name and each reason rendered
    /// from the catalogue in that script (<c>noteZh</c>) and in English (<c>noteEn</c>, also <c>note</c>).
    /// </summary>
    public static Dictionary<string, object?> Of(
        RunContext run, Application application, PanelDecision decision, IReadOnlyList<RequirementResult> open, CertificateRecord? certificate, bool correction,
        HolderScript script)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(decision);
        var secretariat = run.Settings.Secretariat;

        // Reject explains the requirements not met; Defer what is still unknown, which the secretariat will ask for.
        var shown = decision.Decision switch
        {
            PanelDecisionValue.Reject => open.Where(r => r.Result == RequirementStatus.NotMet),
            PanelDecisionValue.Defer => open.Where(r => r.Result == RequirementStatus.Unknown),
            _ => [],
        };
        return new Dictionary<string, object?>
        {
            ["decision"] = decision.Decision.ToString(),
            ["approved"] = decision.Decision == PanelDecisionValue.Approve,
            ["rejected"] = decision.Decision == PanelDecisionValue.Reject,
            ["deferred"] = decision.Decision == PanelDecisionValue.Defer,
            ["correction"] = correction,
            ["applicationId"] = application.ApplicationId,
            ["year"] = run.Calendar.Year,
            ["labelTypeCode"] = application.LabelType.ToString(),
            ["labelTypeZh"] = script.LabelName(application.LabelType),
            ["labelTypeEn"] = LabelTypes.EnglishName(application.LabelType),
            ["holderName"] = application.ApplicantName,
            ["holderNameEn"] = application.ApplicantNameEn,
            ["contactName"] = application.ContactName,
            ["remarks"] = string.IsNullOrWhiteSpace(decision.Remarks) ? null : decision.Remarks,
            ["serial"] = certificate?.Serial,
            ["awardedOn"] = certificate is null ? null : Days.Iso(certificate.AwardedOn),
            ["expiresOn"] = certificate is null ? null : Days.Iso(certificate.ExpiresOn),
            ["awardedOnZh"] = certificate is null ? null : Catalogue.Day(certificate.AwardedOn, Catalogue.Simplified),
            ["expiresOnZh"] = certificate is null ? null : Catalogue.Day(certificate.ExpiresOn, Catalogue.Simplified),
            ["verifyUrl"] = certificate is null ? null : VerificationCodes.VerifyUrl(run.Settings.VerifyBaseUrl, certificate.VerificationCode),
            ["reasons"] = shown.Select(r => Reason(r, script.Culture())).ToList(),
            ["secretariat"] = new Dictionary<string, object?>
            {
                ["nameZh"] = script == HolderScript.Traditional && secretariat.NameZhHant.Length > 0 ? secretariat.NameZhHant : secretariat.NameZh,
                ["nameEn"] = secretariat.NameEn,
                ["email"] = secretariat.Email,
                ["phone"] = secretariat.Phone,
                ["addressZh"] = secretariat.AddressZh,
                ["addressEn"] = secretariat.AddressEn,
            },
        };
    }

    /// <summary>A requirement line's reason in the holder's script and in English, rendered from the catalogue message screening gave.</summary>
    private static Dictionary<string, object?> Reason(RequirementResult line, CultureInfo chinese) => new()
    {
        ["requirement"] = line.Requirement,
        ["note"] = line.Note,
        ["noteEn"] = line.Note,
        ["noteZh"] = line.NoteIn(chinese),
    };

}
