using BatchCycle.Messages;

namespace BatchCycle.Screening;

/// <summary>
/// Builds result lines and the pieces of wording shared by every rule. A note is a <see cref="Message"/> of the
/// catalogue, never a sentence put together here, so it reads the same in Chinese and English.
/// </summary>
internal static class Line
{
    public static RequirementResult Met(string id, Message note, IEnumerable<string>? evidence = null) =>
        new(id, RequirementStatus.Met, [.. evidence ?? []], note);

    public static RequirementResult NotMet(string id, Message note, IEnumerable<string>? evidence = null) =>
        new(id, RequirementStatus.NotMet, [.. evidence ?? []], note);

    public static RequirementResult Unknown(string id, Message note, IEnumerable<string>? evidence = null) =>
        new(id, RequirementStatus.Unknown, [.. evidence ?? []], note);

    public static RequirementResult Of(string id, RequirementStatus status, Message note, IEnumerable<string>? evidence = null) =>
        new(id, status, [.. evidence ?? []], note);

    /// <summary>The worse of two results: not met over unknown over met.</summary>
    public static RequirementStatus Worst(RequirementStatus a, RequirementStatus b) =>
        a == RequirementStatus.NotMet || b == RequirementStatus.NotMet ? RequirementStatus.NotMet
        : a == RequirementStatus.Unknown || b == RequirementStatus.Unknown ? RequirementStatus.Unknown
        : RequirementStatus.Met;

    /// <summary>A message of the catalogue.</summary>
    public static Message Say(string key, params object[] args) => Message.Of(key, args);

    /// <summary>Both days included: "2020-05-14..2025-07-21", "2020年5月14日至2025年7月21日".</summary>
    public static Message Window(DateOnly from, DateOnly to) => Message.Of("Window", from, to);

    /// <summary>A window and the names of its ends in the guide's words, e.g. "(ValidityStart to ReferenceDate)".</summary>
    public static Message NamedWindow(DateOnly from, DateOnly to, Message fromName) => Message.Of("Window.Named", Window(from, to), fromName);

    /// <summary>"a and b", "a, b and c".</summary>
    public static MessageList List(IEnumerable<object> items) => MessageList.Of(ListStyle.And, items);

    /// <summary>"a, b".</summary>
    public static MessageList Refs(IEnumerable<object> items) => MessageList.Of(ListStyle.Comma, items);

    /// <summary>A counted noun: the catalogue has <c>{noun}.One</c> and <c>{noun}.Other</c> (English has plurals, Chinese has not).</summary>
    public static Message Count(int count, string noun) => Message.Of(count == 1 ? $"{noun}.One" : $"{noun}.Other", count);

    /// <summary>The non-empty parts of a note, joined with "; " (Chinese "；").</summary>
    public static Message Join(IEnumerable<Message?> parts) =>
        Message.Of("Parts", MessageList.Of(ListStyle.Parts, parts.Where(p => p is not null).Cast<object>()));

    /// <summary>The name of a date of the cycle calendar in the guide's words (docs/criteria.md, "Cycle calendar").</summary>
    public static Message DateName(string name) => Message.Of($"Date.{name}");

    /// <summary>
    /// The line of a renewal requirement when the REN line found no label to renew: with no ValidityStart it is
    /// not evaluated (docs/criteria.md, REN), neither failed nor unknown; the outcome is already decided by REN.
    /// </summary>
    public static RequirementResult NoLabelBeingRenewed(string id, bool isTopLevel) =>
        new RequirementResult(id, RequirementStatus.NotEvaluated, [], Say("Renewal.NoLabel")) { IsTopLevel = isTopLevel };
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
        static Message Each(IEnumerable<RequirementResult> lines) =>
            Message.Of("Parts", MessageList.Of(ListStyle.Parts, lines.Select(r => (object)Message.Of("Route.Line", r.Requirement, r.Reason))));
        RequirementResult group;
        if (routes.Count > 0 && routes.All(r => r.Result == RequirementStatus.NotEvaluated))
        {
            group = routes[0] with { Requirement = id, IsTopLevel = true };
        }
        else if (met.Count > 0)
        {
            group = Line.Met(id, Line.Say("Route.MetBy", Line.Refs(met.Select(r => r.Requirement)), met[0].Reason), met.SelectMany(r => r.Evidence).Distinct());
        }
        else if (unknown.Count > 0)
        {
            group = Line.Unknown(id, Line.Say("Route.ToReview", Each(unknown)), unknown.SelectMany(r => r.Evidence).Distinct());
        }
        else
        {
            group = Line.NotMet(id, Line.Say("Route.NoneMet", Each(routes)), routes.SelectMany(r => r.Evidence).Distinct());
        }

        return [group, .. routes.Select(r => r with { IsTopLevel = false })];
    }
}
