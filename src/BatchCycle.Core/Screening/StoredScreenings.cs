using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Pipeline;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Screening;

/// <summary>
/// The screenings of a run rebuilt from what the screening stage stored (tables ScreeningOutcomes and
/// RequirementResults) and the applications the run imported: what a resumed run continues from.
/// </summary>
public static class StoredScreenings
{
    /// <summary>Each screened application with its requirement lines in the order screening gave them, ordered by application id.</summary>
    /// <exception cref="InvalidOperationException">A stored result names no application of <paramref name="applications"/>.</exception>
    public static async Task<IReadOnlyList<ApplicationScreening>> LoadAsync(
        RunContext run, IReadOnlyList<Application> applications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(applications);
        await using var db = run.OpenDb();
        var screened = await db.ScreeningOutcomes.AsNoTracking()
            .Where(o => o.RunId == run.RunId)
            .Select(o => o.ApplicationId)
            .ToListAsync(cancellationToken);
        var lines = await db.RequirementResults.AsNoTracking()
            .Where(r => r.RunId == run.RunId)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var linesByApplication = lines.ToLookup(r => r.ApplicationId, StringComparer.Ordinal);

        // One application per id: the import keeps the later of two rows with the same key.
        var byId = new Dictionary<string, Application>(StringComparer.Ordinal);
        foreach (var application in applications)
        {
            byId.TryAdd(application.ApplicationId, application);
        }

        var ids = screened.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        // A result naming no imported application cannot be rebuilt: the stored run disagrees with its own stored
        // files, a bug rather than something to screen around. An application without a result is the panel's to report.
        var orphans = ids.Where(id => !byId.ContainsKey(id)).ToList();
        if (orphans.Count > 0)
        {
            throw new InvalidOperationException(
                $"Run {run.RunId}: stored screening results name applications the run did not import: {string.Join(", ", orphans.Take(10))}.");
        }

        return [.. ids.Select(id => new ApplicationScreening(byId[id], [.. linesByApplication[id].Select(ToResult)]))];
    }

    /// <summary>A stored requirement line as screening gave it.</summary>
    public static RequirementResult ToResult(RequirementResultRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(
            record.Requirement,
            Enum.TryParse<RequirementStatus>(record.Result, ignoreCase: false, out var status) && Enum.IsDefined(status)
                ? status
                // The screening stage writes only the names of RequirementStatus; anything else is a bug there, not a user error.
                : throw new InvalidOperationException($"Requirement result '{record.Result}' of {record.ApplicationId} {record.Requirement} is not Met, NotMet, Unknown or NotEvaluated."),
            EvidenceList.Split(record.Evidence),
            record.Reason is { } reason ? MessageJson.Deserialize(reason) : Message.Of("Stored", record.Note))
        {
            IsTopLevel = record.IsTopLevel,
        };
    }
}
