using BatchCycle.Cycle;
using static BatchCycle.Samples.SampleChoices;
using static BatchCycle.Samples.ScenarioSteps;

namespace BatchCycle.Samples;

/// <summary>The stories of E, the outstanding manufacturing partner label 制造业优越伙伴; <see cref="ScenarioCatalogue.All"/> puts them in their order.</summary>
internal static class OutstandingScenarios
{
    /// <summary>The plain new and renewal stories, told first so that even a small cycle has every label type.</summary>
    public static IReadOnlyList<Scenario> First { get; } =
    [
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
    ];

    /// <summary>The stories of each route and of each reason to refuse.</summary>
    public static IReadOnlyList<Scenario> More { get; } =
    [
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
    ];
}
