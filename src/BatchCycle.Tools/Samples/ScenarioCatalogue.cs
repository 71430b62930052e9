using BatchCycle.Cycle;

namespace BatchCycle.Samples;

/// <summary>
/// The stories a generated cycle is made of. Each one is unambiguous under docs/criteria.md: every requirement other
/// than the one the story is about is plainly met, so the expected outcome follows from that one clause (the
/// reasoning is in the comment of each story). The first stories cover every label type, so even a small cycle
/// has them all.
/// </summary>
public static class ScenarioCatalogue
{
    // Reminders: labels expiring this year with no renewal application; one without e-mail, one revoked, one whose
    // ExpiresOn is left blank (derived: AwardedOn + 2 years − 1 day, in the cycle year).
    private static readonly Scenario Reminders = new("reminders", 0, "Register only: M, S labels expiring this year (reminders), a T label without e-mail (reported), a revoked E label (no reminder), an M label with blank ExpiresOn.", b =>
    {
        b.Label(LabelType.M, b.HongKongCompany(), b.GuangdongFactory(), null, b.AwardDay(2), "OnSiteAssessment");
        b.Label(LabelType.S, b.HongKongCompany(), null, null, b.AwardDay(2), "Recommendation");
        b.Label(LabelType.T, b.HongKongCompany(), null, b.Provider(), b.TechnicalAwardDay(1), "Projects", withEmail: false);
        b.Label(LabelType.E, b.HongKongCompany(), b.GuangdongFactory(), null, b.AwardDay(2), "Title", revoked: true);
        b.Label(LabelType.M, b.HongKongCompany(), b.GuangdongFactory(), null, b.AwardDay(2), "Audit", writeExpiry: false);
    });

    /// <summary>Every story in the order a cycle tells them: the first of each label type, the reminders, then the rest by label type.</summary>
    public static IReadOnlyList<Scenario> All { get; } =
    [
        .. ManufacturingScenarios.First,
        .. OutstandingScenarios.First,
        .. SupplyChainScenarios.First,
        .. TechnicalServiceScenarios.First,
        Reminders,
        .. ManufacturingScenarios.More,
        .. OutstandingScenarios.More,
        .. SupplyChainScenarios.More,
        .. TechnicalServiceScenarios.More,
    ];
}
