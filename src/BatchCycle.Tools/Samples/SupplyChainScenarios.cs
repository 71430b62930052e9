using BatchCycle.Cycle;
using static BatchCycle.Samples.SampleChoices;
using static BatchCycle.Samples.ScenarioSteps;

namespace BatchCycle.Samples;

/// <summary>The stories of S, the supply chain partner label 供应链伙伴; <see cref="ScenarioCatalogue.All"/> puts them in their order.</summary>
internal static class SupplyChainScenarios
{
    /// <summary>The plain new and renewal stories, told first so that even a small cycle has every label type.</summary>
    public static IReadOnlyList<Scenario> First { get; } =
    [
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
    ];

    /// <summary>The stories of each route and of each reason to refuse.</summary>
    public static IReadOnlyList<Scenario> More { get; } =
    [
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
    ];
}
