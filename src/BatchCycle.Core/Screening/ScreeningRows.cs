using System.Collections.Concurrent;
using System.Globalization;
using BatchCycle.Messages;

namespace BatchCycle.Screening;

/// <summary>
/// The rows screening writes, made once for both the result files and the database: each application's line of
/// <c>screening-results.csv</c>, its lines of <c>requirements.csv</c> and each line's stored reason. Writing them
/// from the screenings twice rendered every English note and reason twice (a whole-region cycle has 740,000 lines),
/// and left the database's writer doing the rendering alone while the files' writer waited for it.
/// </summary>
internal static class ScreeningRows
{
    /// <summary>Applications made into rows as one piece of work, side by side on every core.</summary>
    private const int BlockApplications = 1024;

    /// <summary>One application's rows.</summary>
    /// <param name="Result">Its line of <c>screening-results.csv</c>, in <see cref="ScreeningStage.ResultsHeader"/>'s order.</param>
    /// <param name="Requirements">Its lines of <c>requirements.csv</c>, in <see cref="ScreeningStage.RequirementsHeader"/>'s order.</param>
    /// <param name="Reasons">Each requirement line's reason as the database keeps it (JSON).</param>
    public sealed record Rows(ApplicationScreening Screening, string?[] Result, string?[][] Requirements, string[] Reasons);

    /// <summary>The screenings' rows in their order, a block at a time; each block is made on every core.</summary>
    public static IEnumerable<Rows[]> Blocks(IReadOnlyList<ApplicationScreening> screenings, CultureInfo chinese, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(screenings);
        // A hundred thousand applications share most reasons (the screening keeps one copy of each), so each is made JSON once.
        var stored = new ConcurrentDictionary<Message, string>();
        for (var start = 0; start < screenings.Count; start += BlockApplications)
        {
            var block = new Rows[Math.Min(BlockApplications, screenings.Count - start)];
            var first = start;
            Parallel.For(0, block.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                block[i] = Of(screenings[first + i], chinese, stored));
            yield return block;
        }
    }

    private static Rows Of(ApplicationScreening s, CultureInfo chinese, ConcurrentDictionary<Message, string> stored)
    {
        string?[] result =
            [s.ApplicationId, s.LabelType.ToString(), s.Kind.ToString(), s.Outcome.ToString(), string.Join(';', s.NotMet), string.Join(';', s.Unknown), s.Reasons, s.ReasonsIn(chinese)];
        var requirements = new string?[s.Requirements.Count][];
        var reasons = new string[s.Requirements.Count];
        for (var i = 0; i < requirements.Length; i++)
        {
            var r = s.Requirements[i];
            requirements[i] =
            [
                s.ApplicationId, r.Requirement, r.Result.ToString(), EvidenceList.Join(r.Evidence), r.Note,
                Catalogue.RequirementName(r.Requirement, Catalogue.English), Catalogue.RequirementName(r.Requirement, chinese), r.NoteIn(chinese),
            ];
            reasons[i] = stored.GetOrAdd(r.Reason, MessageJson.Serialize);
        }

        return new Rows(s, result, requirements, reasons);
    }
}
