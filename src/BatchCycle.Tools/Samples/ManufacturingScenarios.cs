using BatchCycle.Cycle;
using static BatchCycle.Samples.SampleChoices;
using static BatchCycle.Samples.ScenarioSteps;

namespace BatchCycle.Samples;

/// <summary>The stories of M, the manufacturing partner label 制造业伙伴; <see cref="ScenarioCatalogue.All"/> puts them in their order.</summary>
internal static class ManufacturingScenarios
{
    /// <summary>The plain new and renewal stories, told first so that even a small cycle has every label type.</summary>
    public static IReadOnlyList<Scenario> First { get; } =
    [
        // 4.1-I-1: 2 no-cost and 3 cost options completed, the rest planned, site check passed; no violations, declaration signed.
        new("M-new-onsite", 1, "M new by a funded on-site assessment: all no-cost and 3 cost options completed, 1 planned; site check Pass. Approved by the panel.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            AssessmentWithOptions(b, factory, costCompleted: 3, vocAmongCompleted: 0, planned: 1);
            var id = b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory) with { SiteCheck = "Pass" });
            b.Decision(id, Approve, "符合资格 Meets all criteria");
        }),

        // 5.2-I-1: label obtained by the on-site route, 2 cost options completed after its award and not declared before.
        new("M-renewal-onsite", 1, "M renewal: label of the on-site route expiring this year; 2 more cost options completed since the award. Approved.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            var awarded = b.AwardDay(2);
            b.Label(LabelType.M, applicant, factory, null, awarded, "OnSiteAssessment");
            RenewalOptions(b, factory, awarded, declaredAgainIn: null);
            var id = b.Submit(b.Manufacturing(LabelType.M, true, applicant, factory) with { SiteCheck = "Pass" });
            b.Decision(id, Approve, "续期批准 Renewal approved");
        }),
    ];

    /// <summary>The stories of each route and of each reason to refuse.</summary>
    public static IReadOnlyList<Scenario> More { get; } =
    [
        // 4.1-I-1(b): exactly 2 cost options completed and neither reduces VOC or NOx; no other route.
        new("M-new-onsite-two-cost-no-voc", 1, "M new on-site: only 2 cost options completed, none reducing VOC/NOx → 4.1-I not met.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            AssessmentWithOptions(b, factory, costCompleted: 2, vocAmongCompleted: 0, planned: 1);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory) with { SiteCheck = "Pass" }, notMet: ["4.1-I"]);
        }),

        // 4.1-I-1(b): exactly 2 cost options completed, one of them reduces VOC → met.
        new("M-new-onsite-two-cost-voc", 1, "M new on-site: 2 cost options completed, one reducing VOC → eligible. Approved.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            AssessmentWithOptions(b, factory, costCompleted: 2, vocAmongCompleted: 1, planned: 1);
            var id = b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory) with { SiteCheck = "Pass" });
            b.Decision(id, Approve, "符合资格（VOC减排方案）");
        }),

        // 4.1-I-1: a cost option neither completed nor planned means there is no plan for the rest.
        new("M-new-onsite-option-not-planned", 1, "M new on-site: 3 cost options completed but one cost option marked NotPlanned → 4.1-I not met.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            var project = AssessmentWithOptions(b, factory, costCompleted: 3, vocAmongCompleted: 0, planned: 0);
            b.Option(project, 9, Cost, Pick(b, CostWork), false, NotPlanned, null);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory) with { SiteCheck = "Pass" }, notMet: ["4.1-I"]);
        }),

        // Footnote 3: the on-site check is not recorded yet → the only route is unknown.
        new("M-new-onsite-site-check-pending", 1, "M new on-site, options fine, site check blank (not yet done) → NeedsReview (4.1-I unknown).", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            AssessmentWithOptions(b, factory, costCompleted: 3, vocAmongCompleted: 1, planned: 0);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory), unknown: ["4.1-I"]);
        }),

        new("M-new-onsite-site-check-failed", 1, "M new on-site, options fine, site check Fail → 4.1-I not met.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            AssessmentWithOptions(b, factory, costCompleted: 3, vocAmongCompleted: 0, planned: 1);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory) with { SiteCheck = "Fail" }, notMet: ["4.1-I"]);
        }),

        // 4.1-I-2: two completed demonstration projects; no site check applies to this route (guide footnote 3).
        new("M-new-demonstration", 1, "M new by 2 completed demonstration projects (no site check needed). Panel defers.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            b.CompletedProject(factory, DemonstrationProject);
            b.CompletedProject(factory, DemonstrationProject);
            var id = b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory));
            b.Decision(id, Defer, "待补交示范项目验收报告 Awaiting acceptance report");
        }),

        // 4.1-I-3: municipal audit passed, certificate valid well beyond the reference date.
        new("M-new-municipal-audit", 1, "M new: the factory passed a municipal cleaner-production audit (title valid). Eligible, but the panel rejects it.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            MunicipalAudit(b, factory);
            var id = b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory));
            b.Decision(id, Reject, "资料与现场不符 Information inconsistent");
        }),

        // 4.1-I-3: the municipal title ended two months before the cycle opened, so it is not valid on the reference date.
        new("M-new-title-expired", 1, "M new by municipal Cleaner Production Enterprise title that expired before ReferenceDate → 4.1-I not met.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            b.Title(factory, MunicipalCpEnterprise, b.Calendar.Opens.AddYears(-4), b.Calendar.Opens.AddMonths(-2));
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory), notMet: ["4.1-I"]);
        }),

        // 4.1-II: a penalty record carrying the factory's USCC, dated after ComplianceStart.
        new("M-new-violation-by-id", 1, "M new (audit title) but a violation record with the factory's USCC after ComplianceStart → 4.1-II not met.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            MunicipalAudit(b, factory);
            var day = b.Between(b.Calendar.ComplianceStart.AddDays(30), b.Calendar.Opens.AddDays(-30));
            b.Violation(factory.Id, factory.Name, factory.City, day, day.AddDays(40));
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory), notMet: ["4.1-II"]);
        }),

        // 4.1-II: the record has no identifier, only the factory's exact name → unknown (a person must check).
        new("M-new-violation-name-only", 1, "M new (audit title); violation record without identifier whose name equals the factory's → NeedsReview (4.1-II unknown).", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            MunicipalAudit(b, factory);
            var day = b.Between(b.Calendar.ComplianceStart.AddDays(30), b.Calendar.Opens.AddDays(-30));
            b.Violation(null, factory.Name, factory.City, day, null);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory), unknown: ["4.1-II"]);
        }),

        // 4.1-II: violation (no penalty date) on the day before ComplianceStart lies outside the window.
        new("M-new-violation-before-window", 1, "M new (audit title); violation with the factory's USCC dated the day before ComplianceStart → ignored, eligible.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            MunicipalAudit(b, factory);
            b.Violation(factory.Id, factory.Name, factory.City, b.Calendar.ComplianceStart.AddDays(-1), null);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory));
        }),

        // 4.1-II: same name, different USCC → another entity; ignored.
        new("M-new-violation-other-entity", 1, "M new (audit title); violation with the same name but another USCC → another entity, eligible.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            MunicipalAudit(b, factory);
            var other = b.GuangdongFactory();
            var day = b.Between(b.Calendar.ComplianceStart.AddDays(30), b.Calendar.Opens.AddDays(-30));
            b.Violation(other.Id, factory.Name, factory.City, day, day.AddDays(30));
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory));
        }),

        new("M-new-declaration-not-signed", 1, "M new (audit title); Annex II declaration not submitted (N) → 4.1-II not met.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            MunicipalAudit(b, factory);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory) with { DeclarationSigned = false }, notMet: ["4.1-II"]);
        }),

        new("M-new-declaration-blank", 1, "M new (audit title); declaration cell blank → NeedsReview (4.1-II unknown).", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            MunicipalAudit(b, factory);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory) with { DeclarationSigned = null }, unknown: ["4.1-II"]);
        }),

        // 2.1 (d): more than 50 % of the factory and at least 30 % of the applicant, Hong Kong resident.
        new("M-new-relationship-d-51-30", 1, "M new, relationship (d): HK-resident shareholder holds 51 % of the factory and 30 % of the applicant → 2.1 met.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            MunicipalAudit(b, factory);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory) with { Relationship = "d", StakeInFactoryPct = 51m, StakeInApplicantPct = 30m, HolderIsHkResident = true });
        }),

        // 2.1 (d): 50 % is not "more than 50 %".
        new("M-new-relationship-d-50", 1, "M new, relationship (d) with exactly 50 % of the factory → 2.1 not met.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            MunicipalAudit(b, factory);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory) with { Relationship = "d", StakeInFactoryPct = 50m, StakeInApplicantPct = 40m, HolderIsHkResident = true }, notMet: ["2.1"]);
        }),

        new("M-new-relationship-d-missing-pct", 1, "M new, relationship (d) with the percentages left blank → NeedsReview (2.1 unknown).", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            MunicipalAudit(b, factory);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory) with { Relationship = "d", HolderIsHkResident = true }, unknown: ["2.1"]);
        }),

        new("M-new-submitted-early", 1, "M new (audit title) submitted the day before the cycle opened → 1.4 not met.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            MunicipalAudit(b, factory);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory) with { SubmittedOn = b.Calendar.Opens.AddDays(-1) }, notMet: ["1.4"]);
        }),

        new("M-new-submitted-late", 1, "M new (audit title) submitted the day after the cycle closed → 1.4 not met.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            MunicipalAudit(b, factory);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory) with { SubmittedOn = b.Calendar.Closes.AddDays(1) }, notMet: ["1.4"]);
        }),

        // DUP: the same applicant sent the same factory's M application twice; both are otherwise sound.
        new("M-new-duplicate", 2, "Two M applications for the same factory (sent twice) → DUP unknown on both, NeedsReview.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            MunicipalAudit(b, factory);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory), unknown: ["DUP"]);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory), unknown: ["DUP"]);
        }),

        // 2.1 (ii): a factory in Hong Kong owned and operated by the applicant, identified as H + its BR number.
        new("M-new-hk-factory", 1, "M new for a factory in Hong Kong (relationship ii, FactoryId H+BR) by 2 demonstration projects → eligible.", b =>
        {
            var applicant = b.HongKongCompany();
            var factory = b.HongKongFactory(applicant);
            b.CompletedProject(factory, DemonstrationProject);
            b.CompletedProject(factory, DemonstrationProject);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory));
        }),

        // Footnote 6: one of the two demonstration projects was declared in an earlier application, leaving one.
        new("M-new-fn6-demonstration", 1, "M new by 2 demonstration projects, one already declared in an earlier application (PreviouslyDeclaredIn) → 4.1-I not met.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            b.CompletedProject(factory, DemonstrationProject);
            b.CompletedProject(factory, DemonstrationProject, previouslyDeclaredIn: b.Calendar.Year - 2);
            b.Submit(b.Manufacturing(LabelType.M, false, applicant, factory), notMet: ["4.1-I"]);
        }),

        // 5.2-I-2: municipal Cleaner Production Enterprise title valid throughout the label's validity.
        new("M-renewal-title", 1, "M renewal: label (audit route) expiring this year; the factory holds a valid municipal Cleaner Production Enterprise title → eligible.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            b.Label(LabelType.M, applicant, factory, null, b.AwardDay(2), "Audit");
            b.Title(factory, MunicipalCpEnterprise, b.AwardDay(3), b.Calendar.Opens.AddYears(1));
            b.Submit(b.Manufacturing(LabelType.M, true, applicant, factory));
        }),

        // Footnote 6 on renewal: the two options completed since ValidityStart were declared in last year's application.
        new("M-renewal-fn6-options", 1, "M renewal by the on-site route, but the 2 cost options completed since the award were already declared (PreviouslyDeclaredIn) → 5.2-I not met.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            var awarded = b.AwardDay(2);
            b.Label(LabelType.M, applicant, factory, null, awarded, "OnSiteAssessment");
            RenewalOptions(b, factory, awarded, declaredAgainIn: b.Calendar.Year - 1);
            b.Submit(b.Manufacturing(LabelType.M, true, applicant, factory) with { SiteCheck = "Pass" }, notMet: ["5.2-I"]);
        }),

        // REN: the factory's M label expires next year, so there is nothing to renew in this cycle. Without a label
        // being renewed there is no ValidityStart, so the renewal requirements counted from it (5.2-I, 5.2-II)
        // are not evaluated (docs/criteria.md, REN).
        new("M-renewal-not-expiring", 1, "M renewal of a label that expires next year, not this year → REN not met; 5.2-I/5.2-II not evaluated.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            b.Label(LabelType.M, applicant, factory, null, b.AwardDay(1), "Audit");
            b.Title(factory, MunicipalCpAudit, b.AwardDay(3), null);
            b.Submit(b.Manufacturing(LabelType.M, true, applicant, factory), notMet: ["REN"]);
        }),
    ];
}
