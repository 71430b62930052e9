using BatchCycle.Import;
using BatchCycle.Messages;

namespace BatchCycle.Panel;

/// <summary>
/// The panel decisions a run imported, checked against the cycle's applications: the decisions in force, the
/// decisions that were replaced by a later one for the same application (said in a warning, so the secretariat
/// sees that the panel changed its mind), and the decisions naming no application of the cycle (import issues).
/// </summary>
public sealed record DecisionReview(
    IReadOnlyDictionary<string, PanelDecision> InForce,
    IReadOnlyList<Message> Replacements,
    IReadOnlyList<ImportIssue> Ignored)
{
    /// <param name="decisions">In the order they were given; a later decision replaces an earlier one.</param>
    /// <param name="applications">The cycle's applications by ApplicationId.</param>
    public static DecisionReview Of(IEnumerable<PanelDecision> decisions, IReadOnlyDictionary<string, Application> applications)
    {
        var known = new List<PanelDecision>();
        var ignored = new List<ImportIssue>();
        foreach (var decision in decisions)
        {
            if (applications.ContainsKey(decision.ApplicationId))
            {
                known.Add(decision);
            }
            else
            {
                ignored.Add(new ImportIssue(
                    decision.Source.File,
                    decision.Source.Sheet,
                    decision.Source.Row,
                    PanelWorkbookWriter.ApplicationIdHeader,
                    Message.Of("Import.DecisionUnknownApplication", decision.ApplicationId)));
            }
        }

        var replacements = new List<Message>();
        var earlier = new Dictionary<string, PanelDecision>(StringComparer.Ordinal);
        foreach (var decision in known)
        {
            if (earlier.TryGetValue(decision.ApplicationId, out var replaced))
            {
                replacements.Add(Message.Of(
                    "Warning.DecisionReplaced", decision.ApplicationId, replaced.Decision.ToString(), replaced.Source.ToString(), decision.Decision.ToString(), decision.Source.ToString()));
            }

            earlier[decision.ApplicationId] = decision;
        }

        return new DecisionReview(PanelDecisionBook.Effective(known), replacements, ignored);
    }
}
