using System.Globalization;
using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Runs;
using BatchCycle.Storage;

namespace BatchCycle.Notices;

/// <summary>What the notice templates are given; the names are listed in <see cref="NoticeTemplates"/> and the templates' comments.</summary>
public static class NoticeModel
{
    public static Dictionary<string, object?> Of(
        RunContext run, Application application, PanelDecision decision, IReadOnlyList<RequirementResultRecord> open, CertificateRecord? certificate, bool correction)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(decision);
        var secretariat = run.Settings.Secretariat;

        // Reject explains the requirements not met; Defer what is still unknown, which the secretariat will ask for.
        var shown = decision.Decision switch
        {
            PanelDecisionValue.Reject => open.Where(r => r.Result == "NotMet"),
            PanelDecisionValue.Defer => open.Where(r => r.Result == "Unknown"),
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
            ["labelTypeZh"] = LabelTypes.ChineseName(application.LabelType),
            ["labelTypeEn"] = LabelTypes.EnglishName(application.LabelType),
            ["holderName"] = application.ApplicantName,
            ["holderNameEn"] = application.ApplicantNameEn,
            ["contactName"] = application.ContactName,
            ["remarks"] = string.IsNullOrWhiteSpace(decision.Remarks) ? null : decision.Remarks,
            ["serial"] = certificate?.Serial,
            ["awardedOn"] = certificate is null ? null : Day(certificate.AwardedOn),
            ["expiresOn"] = certificate is null ? null : Day(certificate.ExpiresOn),
            ["awardedOnZh"] = certificate is null ? null : Catalogue.Day(certificate.AwardedOn, Catalogue.Simplified),
            ["expiresOnZh"] = certificate is null ? null : Catalogue.Day(certificate.ExpiresOn, Catalogue.Simplified),
            ["verifyUrl"] = certificate is null ? null : VerificationCodes.VerifyUrl(run.Settings.VerifyBaseUrl, certificate.VerificationCode),
            ["reasons"] = shown.Select(r => new Dictionary<string, object?> { ["requirement"] = r.Requirement, ["note"] = r.Note }).ToList(),
            ["secretariat"] = new Dictionary<string, object?>
            {
                ["nameZh"] = secretariat.NameZh,
                ["nameEn"] = secretariat.NameEn,
                ["email"] = secretariat.Email,
                ["phone"] = secretariat.Phone,
                ["addressZh"] = secretariat.AddressZh,
                ["addressEn"] = secretariat.AddressEn,
            },
        };
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
