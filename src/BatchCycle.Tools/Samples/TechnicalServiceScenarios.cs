using BatchCycle.Cycle;
using static BatchCycle.Samples.SampleChoices;
using static BatchCycle.Samples.ScenarioSteps;

namespace BatchCycle.Samples;

/// <summary>The stories of T, the technical service partner label 技术服务伙伴; <see cref="ScenarioCatalogue.All"/> puts them in their order.</summary>
internal static class TechnicalServiceScenarios
{
    /// <summary>The plain new and renewal stories, told first so that even a small cycle has every label type.</summary>
    public static IReadOnlyList<Scenario> First { get; } =
    [
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
    ];

    /// <summary>The stories of each route and of each reason to refuse.</summary>
    public static IReadOnlyList<Scenario> More { get; } =
    [
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
}
