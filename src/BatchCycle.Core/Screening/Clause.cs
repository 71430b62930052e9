using BatchCycle.Cycle;
using BatchCycle.Import;

namespace BatchCycle.Screening;

/// <summary>What a clause is checked on: one application, the label it renews (REN; null for a new one or when REN found none), the cycle's look-ups and dates.</summary>
public sealed record ClauseCase(Application Application, RegisterLabel? Renewed, CycleIndex Index, CycleCalendar Calendar);

/// <summary>Which applications a clause applies to.</summary>
public enum ClauseScope
{
    Always,
    New,
    Renewal,

    /// <summary>
    /// A renewal clause counted from the award date of the label being renewed (ValidityStart): without such a
    /// label it is not evaluated (docs/criteria.md, REN).
    /// </summary>
    RenewalOfLabel,
}

/// <summary>
/// One row of a label's clause table (docs/criteria.md): the requirement id, the applications it applies to and
/// the method that checks it; or, for a requirement met by any one of several routes, the routes, each a clause.
/// </summary>
public sealed record Clause(string Id, ClauseScope Scope, Func<string, ClauseCase, RequirementResult>? Check, IReadOnlyList<Clause> Routes)
{
    public static Clause Of(string id, ClauseScope scope, Func<string, ClauseCase, RequirementResult> check) => new(id, scope, check, []);

    /// <summary>A requirement met by any one of <paramref name="routes"/> (<see cref="RouteGroup"/>), each applying as the requirement does.</summary>
    public static Clause AnyOf(string id, ClauseScope scope, params (string Id, Func<string, ClauseCase, RequirementResult> Check)[] routes) =>
        new(id, scope, null, [.. routes.Select(r => Of(r.Id, scope, r.Check))]);

    /// <summary>The result lines of the clauses of <paramref name="table"/> that apply to the case, in the table's order.</summary>
    public static IEnumerable<RequirementResult> Screen(IReadOnlyList<Clause> table, ClauseCase @case)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(@case);
        return table.Where(c => c.AppliesTo(@case.Application.Kind)).SelectMany(c => c.Lines(@case));
    }

    /// <summary>The clause <paramref name="id"/> of <paramref name="table"/>; a missing one is a bug.</summary>
    public static Clause In(IReadOnlyList<Clause> table, string id)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Single(c => c.Id == id);
    }

    /// <summary>The clause's line, followed by its routes' lines when it has routes.</summary>
    public IReadOnlyList<RequirementResult> Lines(ClauseCase @case) =>
        Routes.Count > 0 ? RouteGroup.Combine(Id, [.. Routes.Select(r => r.LineOf(@case, isTopLevel: false))]) : [LineOf(@case, isTopLevel: true)];

    private bool AppliesTo(ApplicationKind kind) => Scope switch
    {
        ClauseScope.Always => true,
        ClauseScope.New => kind == ApplicationKind.New,
        _ => kind == ApplicationKind.Renewal,
    };

    private RequirementResult LineOf(ClauseCase @case, bool isTopLevel) =>
        Scope == ClauseScope.RenewalOfLabel && @case.Renewed is null
            ? Line.NoLabelBeingRenewed(Id, isTopLevel)
            : Check!(Id, @case);
}
