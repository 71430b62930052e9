namespace BatchCycle.Tests.Architecture;

/// <summary>One namespace using another: <paramref name="Type"/> of <paramref name="From"/> refers to <paramref name="Used"/> of <paramref name="To"/>.</summary>
internal sealed record NamespaceEdge(string From, string To, string Type, string Used);

/// <summary>
/// The agreed layering of the product's namespaces, lowest first: a namespace may use its own layer and those
/// below it, never one above. The namespaces of one layer are peers. The tools (samples, benchmark) are no part
/// of the product and are not placed.
/// </summary>
internal static class Layering
{
    public static readonly IReadOnlyList<IReadOnlyList<string>> Layers =
    [
        ["Cycle", "Storage", "Messages", "Templates", "Files", "Pipeline"],
        ["Import"],
        ["Screening"],
        ["Panel"],
        ["Certificates"],
        ["Publication"],
        ["Reminders"],
        ["Notices"],
        ["Runs"],

        // The executable: the command line, the dashboard and the program itself ("" is BatchCycle's own namespace).
        ["Cli", "Dashboard", ""],
    ];

    public static readonly IReadOnlySet<string> Tools = new HashSet<string>(StringComparer.Ordinal) { "Samples", "Benchmarks" };

    /// <summary>
    /// The feature a namespace belongs to: the part after <c>BatchCycle.</c> up to the next dot
    /// (<c>BatchCycle.Dashboard.Runs</c> is the dashboard's); null for a namespace that is not the product's.
    /// </summary>
    public static string? Feature(string ns) =>
        ns == "BatchCycle" ? ""
        : ns.StartsWith("BatchCycle.", StringComparison.Ordinal) ? ns["BatchCycle.".Length..].Split('.')[0]
        : null;

    /// <summary>The position of a feature in <see cref="Layers"/>, or null when it is not placed.</summary>
    public static int? Rank(string feature)
    {
        for (var i = 0; i < Layers.Count; i++)
        {
            if (Layers[i].Contains(feature, StringComparer.Ordinal))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>
    /// What breaks the layering among <paramref name="edges"/>: a product namespace not placed in a layer, and a
    /// namespace using one of a higher layer. One line each, naming the types, sorted.
    /// </summary>
    public static IReadOnlyList<string> Violations(IEnumerable<NamespaceEdge> edges)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var edge in edges)
        {
            if (Feature(edge.From) is not { } from || Feature(edge.To) is not { } to || Tools.Contains(from) || Tools.Contains(to))
            {
                continue;
            }

            var (fromRank, toRank) = (Rank(from), Rank(to));
            if (fromRank is null || toRank is null)
            {
                found.Add($"{(fromRank is null ? edge.From : edge.To)} is in no layer of the agreed layering");
            }
            else if (toRank > fromRank)
            {
                found.Add($"{edge.From} uses the higher {edge.To}: {edge.Type} refers to {edge.Used}");
            }
        }

        return [.. found];
    }
}
