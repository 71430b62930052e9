using BatchCycle.Import;
using BatchCycle.Runs;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Runs;

/// <summary>One application of a run in the list: what it is, who applied, and what became of it.</summary>
public sealed record ApplicationRow(
    string ApplicationId,
    string? LabelType,
    string? Kind,
    string ApplicantName,
    string? ApplicantNameEn,
    string? FactoryId,
    string? FactoryName,
    string? Outcome,
    string? Decision);

/// <summary>What the officer searches for: text (id or name), label type, outcome, decision, and the page.</summary>
public sealed record ApplicationFilter(string? Q, string? Label, string? Outcome, string? Decision, int Page)
{
    /// <summary>The decision filter's value for applications the panel has not decided.</summary>
    public const string NoDecision = "none";

    public const int PageSize = 50;
}

/// <summary>A page of the list, and how many applications match in all.</summary>
public sealed record ApplicationPage(IReadOnlyList<ApplicationRow> Rows, int Total, int Page)
{
    public int Pages => Math.Max(1, (Total + ApplicationFilter.PageSize - 1) / ApplicationFilter.PageSize);
}

/// <summary>
/// The applications of a run, filtered and paged by the database (a region's run has 100,000 of them), and one
/// application's requirement lines and the files of the run that concern it.
/// </summary>
public static class ApplicationViews
{
    public static async Task<ApplicationPage> ListAsync(BatchCycleDb db, long runId, ApplicationFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var query =
            from a in db.Set<RunApplicationRecord>().AsNoTracking().Where(a => a.RunId == runId)
            join o in db.ScreeningOutcomes.AsNoTracking().Where(o => o.RunId == runId) on a.ApplicationId equals o.ApplicationId into screened
            from o in screened.DefaultIfEmpty()
            select new { a, o };
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            // Both sides folded alike: traditional and simplified Chinese, full-width and case are one.
            var folded = TextFolding.Fold(filter.Q);
            query = query.Where(x => x.a.SearchText.Contains(folded));
        }

        if (!string.IsNullOrEmpty(filter.Label))
        {
            query = query.Where(x => x.o!.LabelType == filter.Label);
        }

        if (!string.IsNullOrEmpty(filter.Outcome))
        {
            query = query.Where(x => x.o!.Outcome == filter.Outcome);
        }

        if (filter.Decision == ApplicationFilter.NoDecision)
        {
            query = query.Where(x => x.a.PanelDecision == null);
        }
        else if (!string.IsNullOrEmpty(filter.Decision))
        {
            query = query.Where(x => x.a.PanelDecision == filter.Decision);
        }

        var total = await query.CountAsync(cancellationToken);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + ApplicationFilter.PageSize - 1) / ApplicationFilter.PageSize));
        var rows = await query.OrderBy(x => x.a.ApplicationId).Skip((page - 1) * ApplicationFilter.PageSize).Take(ApplicationFilter.PageSize)
            .Select(x => new ApplicationRow(x.a.ApplicationId, x.o!.LabelType, x.o.Kind, x.a.ApplicantName, x.a.ApplicantNameEn, x.a.FactoryId, x.a.FactoryName, x.o.Outcome, x.a.PanelDecision))
            .ToListAsync(cancellationToken);
        return new ApplicationPage(rows, total, page);
    }

    /// <summary>The application's row, or null when the run has no such application.</summary>
    public static async Task<ApplicationRow?> FindAsync(BatchCycleDb db, long runId, string applicationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await (
            from a in db.Set<RunApplicationRecord>().AsNoTracking().Where(a => a.RunId == runId && a.ApplicationId == applicationId)
            join o in db.ScreeningOutcomes.AsNoTracking().Where(o => o.RunId == runId) on a.ApplicationId equals o.ApplicationId into screened
            from o in screened.DefaultIfEmpty()
            select new ApplicationRow(a.ApplicationId, o!.LabelType, o.Kind, a.ApplicantName, a.ApplicantNameEn, a.FactoryId, a.FactoryName, o.Outcome, a.PanelDecision))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<RequirementResultRecord>> RequirementsAsync(BatchCycleDb db, long runId, string applicationId, CancellationToken cancellationToken) =>
        await db.RequirementResults.AsNoTracking().Where(r => r.RunId == runId && r.ApplicationId == applicationId).OrderBy(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>The run's recorded files named after the application or its certificate's serial: its certificate, letter or reminder.</summary>
    public static async Task<IReadOnlyList<string>> FilesAsync(BatchCycleDb db, long runId, string applicationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var serials = await db.Certificates.AsNoTracking().Where(c => c.RunId == runId && c.ApplicationId == applicationId).Select(c => c.Serial).ToListAsync(cancellationToken);
        var names = serials.Append(applicationId).ToList();
        var files = await db.Set<RunOutputFile>().AsNoTracking().Where(f => f.RunId == runId).Select(f => f.RelativePath).ToListAsync(cancellationToken);
        return [.. files.Where(f => names.Any(n => Path.GetFileNameWithoutExtension(f).Contains(n, StringComparison.Ordinal))).Order(StringComparer.Ordinal)];
    }
}
