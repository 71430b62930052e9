using BatchCycle.Cycle;
using static BatchCycle.Samples.SampleChoices;

namespace BatchCycle.Samples;

/// <summary>
/// The stories a generated cycle is made of. Each one is unambiguous under CRITERIA.md: every requirement other
/// than the one the story is about is plainly met, so the expected outcome follows from that one clause (the
/// reasoning is in the comment of each story). The first stories cover every label type, so even a small cycle
/// has them all.
/// </summary>
public static class ScenarioCatalogue
{
    private static readonly string[] NoCostWork = ["加强设备维护，减少跑冒滴漏", "优化照明及空调开关管理", "规范化学品仓存及标签管理", "压缩空气管路查漏修复", "生产废料分类回收"];
    private static readonly string[] CostWork = ["更换高效节能空压机", "注塑机伺服节能改造", "冷却塔变频改造", "LED照明改造", "蒸汽冷凝水及余热回收", "安装太阳能光伏系统"];
    private static readonly string[] VocOrNoxWork = ["安装废气收集及活性炭吸附装置", "水性涂料替代溶剂型涂料", "锅炉低氮燃烧器改造", "喷涂线RTO蓄热燃烧装置"];

    public static IReadOnlyList<Scenario> All { get; } =
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

        // 4.2-I-3: a provincial cleaner-production enterprise title valid on the reference date.
        new("E-new-provincial-title", 1, "E new: the factory holds a valid 广东省清洁生产企业 title. Approved.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            var issued = b.Between(b.Calendar.Opens.AddYears(-3), b.Calendar.Opens.AddYears(-1));
            b.Title(factory, ProvincialCpEnterprise, issued, issued.AddYears(5));
            var id = b.Submit(b.Manufacturing(LabelType.E, false, applicant, factory));
            b.Decision(id, Approve, "符合优越伙伴资格");
        }),

        // 5.3-I-2: a provincial green-factory title valid throughout [ValidityStart, ReferenceDate].
        new("E-renewal-title", 1, "E renewal: E label expiring this year; the factory holds a 广东省绿色工厂 title. Approved.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            b.Label(LabelType.E, applicant, factory, null, b.AwardDay(2), "Title");
            b.Title(factory, GreenFactoryProvincial, b.AwardDay(3), b.Calendar.Opens.AddYears(2));
            var id = b.Submit(b.Manufacturing(LabelType.E, true, applicant, factory));
            b.Decision(id, Approve, "续期批准");
        }),

        // 4.3-1: three distinct factories recommended, their projects approved in the look-back window and not withdrawn.
        new("S-new-recommendation", 1, "S new: recommended 3 distinct Hong Kong-owned factories whose funded projects were approved. Approved.", b =>
        {
            var applicant = b.HongKongCompany();
            Recommend(b, applicant.BrNo, b.GuangdongFactory(), b.GuangdongFactory(), b.GuangdongFactory());
            var id = b.Submit(b.SupplyChain(false, applicant));
            b.Decision(id, Approve, "Approved");
        }),

        // 5.4-2: procurement from 3 factories whose labels/titles are valid during a period overlapping [ValidityStart, ReferenceDate].
        new("S-renewal-procurement", 1, "S renewal: S label expiring this year; procurement from 3 factories holding an M label, a provincial title and a MIIT green-factory title. Approved.", b =>
        {
            var applicant = b.HongKongCompany();
            var validityStart = b.AwardDay(2);
            b.Label(LabelType.S, applicant, null, null, validityStart, "Procurement");
            var id = b.Submit(b.SupplyChain(true, applicant));
            Suppliers(b, id, validityStart.AddDays(30), ProvincialCpEnterprise, GreenFactoryMiit);
            b.Decision(id, Approve, "续期批准");
        }),

        // 4.4-1, 4.4-2: five completed projects for Hong Kong-owned factories, no complaint.
        new("T-new-five-projects", 1, "T new: registered provider with 5 completed funded projects and no complaints. Approved.", b =>
        {
            var provider = b.Provider();
            ProviderProjects(b, provider, 5);
            var id = b.Submit(b.TechnicalService(false, b.HongKongCompany(), provider));
            b.Decision(id, Approve, "符合资格");
        }),

        // 5.5-1, 5.5-2: 3 projects completed since ComplianceStart (two older ones do not matter), no complaint.
        new("T-renewal-three-projects", 1, "T renewal: T label expiring this year; 3 projects completed since ComplianceStart. Approved.", b =>
        {
            var (applicant, provider) = (b.HongKongCompany(), b.Provider());
            b.Label(LabelType.T, applicant, null, provider, b.TechnicalAwardDay(1), "Projects");
            RecentProviderProjects(b, provider, recent: 3, older: 2);
            var id = b.Submit(b.TechnicalService(true, applicant, provider));
            b.Decision(id, Approve, "续期批准");
        }),

        // Reminders: labels expiring this year with no renewal application; one without e-mail, one revoked, one whose
        // ExpiresOn is left blank (derived: AwardedOn + 2 years − 1 day, in the cycle year).
        new("reminders", 0, "Register only: M, S labels expiring this year (reminders), a T label without e-mail (reported), a revoked E label (no reminder), an M label with blank ExpiresOn.", b =>
        {
            b.Label(LabelType.M, b.HongKongCompany(), b.GuangdongFactory(), null, b.AwardDay(2), "OnSiteAssessment");
            b.Label(LabelType.S, b.HongKongCompany(), null, null, b.AwardDay(2), "Recommendation");
            b.Label(LabelType.T, b.HongKongCompany(), null, b.Provider(), b.TechnicalAwardDay(1), "Projects", withEmail: false);
            b.Label(LabelType.E, b.HongKongCompany(), b.GuangdongFactory(), null, b.AwardDay(2), "Title", revoked: true);
            b.Label(LabelType.M, b.HongKongCompany(), b.GuangdongFactory(), null, b.AwardDay(2), "Audit", writeExpiry: false);
        }),

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
        // are not evaluated (CRITERIA.md, REN).
        new("M-renewal-not-expiring", 1, "M renewal of a label that expires next year, not this year → REN not met; 5.2-I/5.2-II not evaluated.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            b.Label(LabelType.M, applicant, factory, null, b.AwardDay(1), "Audit");
            b.Title(factory, MunicipalCpAudit, b.AwardDay(3), null);
            b.Submit(b.Manufacturing(LabelType.M, true, applicant, factory), notMet: ["REN"]);
        }),

        // 4.2-I-1: two M labels since LookbackStart (the later one valid until next year, so this year's M requirement
        // is 4.1-I as a new applicant, met by the municipal audit title). One label's ExpiresOn is left blank.
        new("E-new-prior-m-labels", 1, "E new: the factory was awarded the M label twice in 5 years and meets M this year (municipal audit title). Approved.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            b.Label(LabelType.M, applicant, factory, null, b.AwardDay(3), "OnSiteAssessment");
            b.Label(LabelType.M, applicant, factory, null, b.AwardDay(1), "Audit", writeExpiry: false);
            MunicipalAudit(b, factory);
            var id = b.Submit(b.Manufacturing(LabelType.E, false, applicant, factory));
            b.Decision(id, Approve, "两度获得制造业标志");
        }),

        new("E-new-one-prior-m-label", 1, "E new: only one prior M label (and no demonstration projects or provincial title) → 4.2-I not met.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            b.Label(LabelType.M, applicant, factory, null, b.AwardDay(1), "Audit");
            MunicipalAudit(b, factory);
            b.Submit(b.Manufacturing(LabelType.E, false, applicant, factory), notMet: ["4.2-I"]);
        }),

        new("E-new-three-demonstrations", 1, "E new by 3 completed demonstration projects → eligible.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            for (var i = 0; i < 3; i++)
            {
                b.CompletedProject(factory, DemonstrationProject);
            }

            b.Submit(b.Manufacturing(LabelType.E, false, applicant, factory));
        }),

        new("E-new-green-factory", 1, "E new: the factory holds a MIIT green-factory title without end date → eligible.", b =>
        {
            var (applicant, factory) = (b.HongKongCompany(), b.GuangdongFactory());
            b.Title(factory, GreenFactoryMiit, b.Between(b.Calendar.Opens.AddYears(-4), b.Calendar.Opens.AddYears(-1)), null);
            b.Submit(b.Manufacturing(LabelType.E, false, applicant, factory));
        }),

        // 4.3-1: three projects but two of them for the same factory → only 2 distinct factories.
        new("S-new-recommendation-two-factories", 1, "S new: 3 recommended projects but only 2 distinct factories → 4.3 not met.", b =>
        {
            var applicant = b.HongKongCompany();
            var twice = b.GuangdongFactory();
            Recommend(b, applicant.BrNo, twice, twice, b.GuangdongFactory());
            b.Submit(b.SupplyChain(false, applicant), notMet: ["4.3"]);
        }),

        // 2.3 accepts an overseas registration; 4.3-1 by the registration number on the projects.
        new("S-new-overseas-recommendation", 1, "S new by an overseas-registered buyer that recommended 3 factories → eligible.", b =>
        {
            var applicant = b.HongKongCompany();
            var registration = "UEN" + applicant.BrNo + "K";
            Recommend(b, registration, b.GuangdongFactory(), b.GuangdongFactory(), b.GuangdongFactory());
            b.Submit(b.SupplyChain(false, applicant) with { RegistrationPlace = "Overseas", RegistrationNo = registration });
        }),

        // 4.3-2: a mainland-registered applicant buying from factories with an M label, an E label and a provincial title.
        new("S-new-procurement", 1, "S new (mainland registration): procurement from 3 factories holding an M label, an E label and a provincial title → eligible.", b =>
        {
            var applicant = b.MainlandCompany();
            var id = b.Submit(b.SupplyChain(false, applicant) with { RegistrationPlace = "Mainland" });
            Suppliers(b, id, b.AwardDay(1).AddDays(10), null, ProvincialCpEnterprise);
        }),

        // 2.3: neither registration place nor number. Missing data goes to review: 2.3 is unknown, and so is DUP,
        // since without a number duplicates cannot be checked. Only in the first round: at scale two applicants
        // without a number would blur the story.
        new("S-new-no-registration", 1, "S new with procurement evidence but no business registration given → 2.3 and DUP unknown (review).", b =>
        {
            var applicant = b.HongKongCompany();
            var id = b.Submit(b.SupplyChain(false, applicant) with { RegistrationPlace = null, RegistrationNo = null }, unknown: ["DUP", "2.3"]);
            Suppliers(b, id, b.AwardDay(1).AddDays(10), null, GreenFactoryMiit);
        }, FirstRoundOnly: true),

        new("T-new-substantiated-complaint", 1, "T new with 5 projects, but a substantiated client complaint in the window → 4.4-2 not met.", b =>
        {
            var provider = b.Provider();
            ProviderProjects(b, provider, 5);
            b.Complaint(provider, b.Between(b.Calendar.Opens.AddYears(-2), b.Calendar.Opens.AddDays(-30)), "ClientComplaint", true);
            b.Submit(b.TechnicalService(false, b.HongKongCompany(), provider), notMet: ["4.4-2"]);
        }),

        // 4.4-2: an open complaint and an unsubstantiated report do not fail.
        new("T-new-open-complaint", 1, "T new with 5 projects; one complaint still open and one report not substantiated → eligible. Panel defers.", b =>
        {
            var provider = b.Provider();
            ProviderProjects(b, provider, 5);
            b.Complaint(provider, b.Between(b.Calendar.Opens.AddMonths(-6), b.Calendar.Opens.AddDays(-10)), "ClientComplaint", null);
            b.Complaint(provider, b.Between(b.Calendar.Opens.AddYears(-2), b.Calendar.Opens.AddYears(-1)), "PoorServiceReport", false);
            var id = b.Submit(b.TechnicalService(false, b.HongKongCompany(), provider));
            b.Decision(id, Defer, "待投诉调查结果 Pending complaint investigation");
        }),

        // 4.4-1: four completed projects; a fifth still in progress does not count.
        new("T-new-four-projects", 1, "T new with 4 completed projects (a 5th in progress) → 4.4-1 not met.", b =>
        {
            var provider = b.Provider();
            ProviderProjects(b, provider, 4);
            b.Project(b.GuangdongFactory(), OnSiteAssessment, "InProgress", b.Calendar.Opens.AddDays(-b.Random.Next(90, 300)), null, provider);
            b.Submit(b.TechnicalService(false, b.HongKongCompany(), provider), notMet: ["4.4-1"]);
        }),

        new("T-new-delisted", 1, "T new by a provider delisted before the cycle opened (5 projects) → 2.4 not met.", b =>
        {
            var provider = b.Provider(delisted: true);
            ProviderProjects(b, provider, 5);
            b.Submit(b.TechnicalService(false, b.HongKongCompany(), provider), notMet: ["2.4"]);
        }),

        // 5.5-1: only 2 projects completed since ComplianceStart (3 older ones do not count for renewal).
        new("T-renewal-two-projects", 1, "T renewal with only 2 projects completed since ComplianceStart (3 older) → 5.5-1 not met.", b =>
        {
            var (applicant, provider) = (b.HongKongCompany(), b.Provider());
            b.Label(LabelType.T, applicant, null, provider, b.TechnicalAwardDay(1), "Projects");
            RecentProviderProjects(b, provider, recent: 2, older: 3);
            b.Submit(b.TechnicalService(true, applicant, provider), notMet: ["5.5-1"]);
        }),
    ];

    /// <summary>
    /// A completed on-site assessment of <paramref name="factory"/> with two completed no-cost options, the given
    /// number of completed cost options (the first <paramref name="vocAmongCompleted"/> reducing VOC or NOx) and
    /// planned cost options; all dated inside [LookbackStart, ReferenceDate].
    /// </summary>
    private static string AssessmentWithOptions(CaseBuilder b, SampleFactory factory, int costCompleted, int vocAmongCompleted, int planned)
    {
        var approved = b.Between(b.Calendar.Opens.AddYears(-3), b.Calendar.Opens.AddYears(-2));
        var completed = approved.AddDays(b.Random.Next(150, 330));
        var project = b.Project(factory, OnSiteAssessment, "Completed", approved, completed);
        var number = 1;
        for (var i = 0; i < 2; i++)
        {
            b.Option(project, number++, NoCost, Pick(b, NoCostWork), false, Completed, b.Between(completed, b.Calendar.Opens.AddDays(-14)));
        }

        for (var i = 0; i < costCompleted; i++)
        {
            var voc = i < vocAmongCompleted;
            b.Option(project, number++, Cost, Pick(b, voc ? VocOrNoxWork : CostWork), voc, Completed, b.Between(completed, b.Calendar.Opens.AddDays(-14)));
        }

        for (var i = 0; i < planned; i++)
        {
            b.Option(project, number++, Cost, Pick(b, CostWork), false, Planned, null);
        }

        return project;
    }

    /// <summary>
    /// The on-site assessment behind a label awarded on <paramref name="awarded"/>: options completed before the award
    /// (declared then), and two cost options completed since — declared again in <paramref name="declaredAgainIn"/> when set.
    /// </summary>
    private static void RenewalOptions(CaseBuilder b, SampleFactory factory, DateOnly awarded, int? declaredAgainIn)
    {
        var approved = awarded.AddYears(-2).AddDays(b.Random.Next(60));
        var completed = approved.AddDays(b.Random.Next(200, 300));
        var project = b.Project(factory, OnSiteAssessment, "Completed", approved, completed);
        var declared = awarded.Year;
        var number = 1;
        for (var i = 0; i < 2; i++)
        {
            b.Option(project, number++, NoCost, Pick(b, NoCostWork), false, Completed, b.Between(completed, awarded.AddDays(-30)), declared);
        }

        for (var i = 0; i < 3; i++)
        {
            b.Option(project, number++, Cost, Pick(b, CostWork), false, Completed, b.Between(completed, awarded.AddDays(-30)), declared);
        }

        b.Option(project, number++, Cost, Pick(b, VocOrNoxWork), true, Completed, b.Between(awarded.AddDays(60), b.Calendar.Opens.AddDays(-14)), declaredAgainIn);
        b.Option(project, number++, Cost, Pick(b, CostWork), false, Completed, b.Between(awarded.AddDays(60), b.Calendar.Opens.AddDays(-14)), declaredAgainIn);
        b.Option(project, number, Cost, Pick(b, CostWork), false, Planned, null);
    }

    /// <summary>A municipal cleaner-production audit passed within two years and valid for three (valid on ReferenceDate).</summary>
    private static void MunicipalAudit(CaseBuilder b, SampleFactory factory)
    {
        var issued = b.Between(b.Calendar.Opens.AddYears(-2), b.Calendar.Opens.AddMonths(-3));
        b.Title(factory, MunicipalCpAudit, issued, issued.AddYears(3));
    }

    /// <summary>One funded project per factory given, recommended by <paramref name="recommendedBy"/>, approved in the look-back window.</summary>
    private static void Recommend(CaseBuilder b, string recommendedBy, params SampleFactory[] factories)
    {
        string[] statuses = ["Approved", "InProgress", "Completed"];
        foreach (var factory in factories)
        {
            var approved = b.Between(b.Calendar.LookbackStart.AddMonths(6), b.Calendar.Opens.AddDays(-60));
            var status = statuses[b.Random.Next(statuses.Length)];
            var completed = status == "Completed" ? approved.AddDays(b.Random.Next(30, 50)) : (DateOnly?)null;
            b.Project(factory, b.Random.Next(2) == 0 ? OnSiteAssessment : DemonstrationProject, status, approved, completed, recommendedBy: recommendedBy);
        }
    }

    /// <summary>
    /// Procurement by <paramref name="applicationId"/> from three factories: one with an M label, then an E label or
    /// a title of <paramref name="secondTitle"/>, then a title of <paramref name="thirdTitle"/>. Every label and title
    /// is valid over the whole declared period, so the result does not depend on how the period is read.
    /// </summary>
    private static void Suppliers(CaseBuilder b, string applicationId, DateOnly from, Choice? secondTitle, Choice thirdTitle)
    {
        var awarded = b.AwardDay(1);
        var first = b.GuangdongFactory();
        b.Label(LabelType.M, b.HongKongCompany(), first, null, awarded, "OnSiteAssessment");
        b.Procurement(applicationId, first, awarded.AddDays(10), b.Calendar.Opens.AddDays(-1));

        var second = b.GuangdongFactory();
        if (secondTitle is { } title)
        {
            b.Title(second, title, from.AddYears(-2), null);
            b.Procurement(applicationId, second, from, null);
        }
        else
        {
            b.Label(LabelType.E, b.HongKongCompany(), second, null, awarded, "Title");
            b.Procurement(applicationId, second, awarded.AddDays(10), null);
        }

        var third = b.GuangdongFactory();
        b.Title(third, thirdTitle, from.AddYears(-2), null);
        b.Procurement(applicationId, third, from, b.Calendar.Opens.AddDays(-30));
    }

    /// <summary><paramref name="count"/> projects by the provider, each for a different factory, completed in the look-back window.</summary>
    private static void ProviderProjects(CaseBuilder b, string provider, int count)
    {
        for (var i = 0; i < count; i++)
        {
            b.CompletedProject(b.GuangdongFactory(), i % 2 == 0 ? OnSiteAssessment : DemonstrationProject, provider);
        }
    }

    /// <summary>Projects completed since ComplianceStart (counted for renewal) and before it (not counted).</summary>
    private static void RecentProviderProjects(CaseBuilder b, string provider, int recent, int older)
    {
        var since = b.Calendar.ComplianceStart;
        for (var i = 0; i < recent; i++)
        {
            var completed = b.Between(since.AddDays(10), b.Calendar.Opens.AddDays(-10));
            b.Project(b.GuangdongFactory(), OnSiteAssessment, "Completed", completed.AddDays(-b.Random.Next(120, 300)), completed, provider);
        }

        for (var i = 0; i < older; i++)
        {
            var completed = b.Between(b.Calendar.LookbackStart.AddMonths(6), since.AddDays(-30));
            b.Project(b.GuangdongFactory(), DemonstrationProject, "Completed", completed.AddDays(-b.Random.Next(120, 300)), completed, provider);
        }
    }

    private static string Pick(CaseBuilder b, string[] choices) => choices[b.Random.Next(choices.Length)];
}
