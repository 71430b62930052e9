using BatchCycle.Messages;

namespace BatchCycle.Screening;

/// <summary>The evidence a requirement counts, and a note for each piece it does not count, in the order examined.</summary>
internal sealed record CountedEvidence<T>(IReadOnlyList<T> Counted, IReadOnlyList<Message> Notes);

/// <summary>
/// Footnotes 6 and 11 (docs/criteria.md, <c>FN6</c>): evidence already declared in an earlier application, or used
/// as evidence of an earlier award recorded by the system, is not counted again; the line of the requirement that
/// loses it says so. Every rule that counts projects or options counts them through here.
/// </summary>
internal static class Footnote6
{
    /// <summary>
    /// Goes through <paramref name="candidates"/> in order and counts each one that is not excluded. A candidate
    /// is excluded, with a note, by <paramref name="excludedFirst"/> (checked before footnote 6, e.g. completed
    /// outside the window), by footnote 6, or by <paramref name="excludedAfter"/> (checked after it, e.g. a factory
    /// counted for the label being renewed); the first reason found is the one noted.
    /// </summary>
    public static CountedEvidence<T> Count<T>(
        CycleIndex index,
        IEnumerable<T> candidates,
        Func<T, string> evidenceRef,
        Func<T, int?> previouslyDeclaredIn,
        Func<T, Message?>? excludedFirst = null,
        Func<T, Message?>? excludedAfter = null)
    {
        var counted = new List<T>();
        var notes = new List<Message>();
        foreach (var candidate in candidates)
        {
            var excluded = excludedFirst?.Invoke(candidate)
                ?? index.AlreadyDeclared(evidenceRef(candidate), previouslyDeclaredIn(candidate))
                ?? excludedAfter?.Invoke(candidate);
            if (excluded is null)
            {
                counted.Add(candidate);
            }
            else
            {
                notes.Add(excluded);
            }
        }

        return new CountedEvidence<T>(counted, notes);
    }
}
