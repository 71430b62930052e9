using BatchCycle.Import;

namespace BatchCycle.Panel;

/// <summary>
/// The panel's decisions in force: decisions arrive in the order they were given (decision files by their
/// time of last change, then name; rows in order), and a later decision for an application replaces an earlier one.
/// </summary>
public static class PanelDecisionBook
{
    public static IReadOnlyDictionary<string, PanelDecision> Effective(IEnumerable<PanelDecision> decisions)
    {
        var effective = new Dictionary<string, PanelDecision>(StringComparer.Ordinal);
        foreach (var decision in decisions)
        {
            effective[decision.ApplicationId] = decision;
        }

        return effective;
    }
}
