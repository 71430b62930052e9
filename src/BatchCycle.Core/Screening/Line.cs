using System.Globalization;

namespace BatchCycle.Screening;

/// <summary>Builds result lines and the wording shared by every rule, so notes read the same everywhere.</summary>
internal static class Line
{
    public static RequirementResult Met(string id, string note, IEnumerable<string>? evidence = null) =>
        new(id, RequirementStatus.Met, [.. evidence ?? []], note);

    public static RequirementResult NotMet(string id, string note, IEnumerable<string>? evidence = null) =>
        new(id, RequirementStatus.NotMet, [.. evidence ?? []], note);

    public static RequirementResult Unknown(string id, string note, IEnumerable<string>? evidence = null) =>
        new(id, RequirementStatus.Unknown, [.. evidence ?? []], note);

    public static RequirementResult Of(string id, RequirementStatus status, string note, IEnumerable<string>? evidence = null) =>
        new(id, status, [.. evidence ?? []], note);

    /// <summary>The worse of two results: not met over unknown over met.</summary>
    public static RequirementStatus Worst(RequirementStatus a, RequirementStatus b) =>
        a == RequirementStatus.NotMet || b == RequirementStatus.NotMet ? RequirementStatus.NotMet
        : a == RequirementStatus.Unknown || b == RequirementStatus.Unknown ? RequirementStatus.Unknown
        : RequirementStatus.Met;

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Window(DateOnly from, DateOnly to) => $"{Day(from)}..{Day(to)}";

    /// <summary>"2021-03-02 and 2023-11-20", "a, b and c".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    public static string Count(int count, string singular, string plural) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? singular : plural)}";

    /// <summary>Joins the non-empty parts of a note with "; ".</summary>
    public static string Join(IEnumerable<string?> parts) => string.Join("; ", parts.Where(p => !string.IsNullOrEmpty(p)));

    /// <summary>
    /// The line of a renewal requirement when the REN line found no label to renew: with no ValidityStart it is
    /// not evaluated (CRITERIA.md, REN), neither failed nor unknown; the outcome is already decided by REN.
    /// </summary>
    public static RequirementResult NoLabelBeingRenewed(string id, bool isTopLevel) =>
        new RequirementResult(id, RequirementStatus.NotEvaluated, [], "not evaluated: there is no label being renewed (see REN) to count from")
        {
            IsTopLevel = isTopLevel,
        };
}

/// <summary>
/// A requirement met by any one of several routes (e.g. <c>4.1-I</c> by <c>4.1-I-1</c>, <c>-2</c> or <c>-3</c>):
/// met if a route is met (the note names which), else unknown if a route is unknown, else not met.
/// </summary>
internal static class RouteGroup
{
    /// <returns>The top-level line first, then the route lines marked as not top-level.</returns>
    public static IReadOnlyList<RequirementResult> Combine(string id, IReadOnlyList<RequirementResult> routes)
    {
        var met = routes.Where(r => r.Result == RequirementStatus.Met).ToList();
        var unknown = routes.Where(r => r.Result == RequirementStatus.Unknown).ToList();
        RequirementResult group;
        if (routes.Count > 0 && routes.All(r => r.Result == RequirementStatus.NotEvaluated))
        {
            group = routes[0] with { Requirement = id, IsTopLevel = true };
        }
        else if (met.Count > 0)
        {
            group = Line.Met(id, $"met by {string.Join(", ", met.Select(r => r.Requirement))}: {met[0].Note}", met.SelectMany(r => r.Evidence).Distinct());
        }
        else if (unknown.Count > 0)
        {
            group = Line.Unknown(
                id,
                "no route met yet; to review: " + string.Join("; ", unknown.Select(r => $"{r.Requirement} {r.Note}")),
                unknown.SelectMany(r => r.Evidence).Distinct());
        }
        else
        {
            group = Line.NotMet(
                id,
                "no route met: " + string.Join("; ", routes.Select(r => $"{r.Requirement} {r.Note}")),
                routes.SelectMany(r => r.Evidence).Distinct());
        }

        return [group, .. routes.Select(r => r with { IsTopLevel = false })];
    }
}
