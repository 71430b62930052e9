using BatchCycle.Runs;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Runs;

/// <summary>A requirement line of the run that cites an evidence key.</summary>
public sealed record EvidenceCitation(string ApplicationId, string Requirement, string Result, string Evidence);

/// <summary>What the run knows of one evidence key: the lines that cite it, the certificate of that serial, the run's files named after it.</summary>
public sealed record EvidenceView(string Key, IReadOnlyList<EvidenceCitation> Citations, bool More, CertificateRecord? Certificate, IReadOnlyList<string> Files);

/// <summary>
/// The records an application's requirement lines cite as evidence (project refs, <c>ProjectRef/OptionNo</c>,
/// title numbers, label serials, violation case refs). The imported rows themselves are not kept in the database
/// (they are re-read from the stored files), so a key is shown by the lines across the run that cite it, and, for
/// a label serial, by its certificate and the run's reminder or certificate file.
/// </summary>
public static class EvidenceViews
{
    /// <summary>Lines shown per key; a key cited more often (a factory id in a large run) says so.</summary>
    public const int MaxCitations = 200;

    /// <summary>The keys of a line's evidence, as screening writes them: separated by semicolons.</summary>
    public static IReadOnlyList<string> Keys(string evidence) => BatchCycle.Screening.EvidenceList.Split(evidence);

    public static async Task<EvidenceView> FindAsync(BatchCycleDb db, long runId, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        // The substring test narrows in the database; the exact key test keeps OA22-00001 from matching OA22-00001/3.
        var candidates = await db.RequirementResults.AsNoTracking()
            .Where(r => r.RunId == runId && r.Evidence.Contains(key))
            .OrderBy(r => r.ApplicationId).ThenBy(r => r.Id)
            .Select(r => new EvidenceCitation(r.ApplicationId, r.Requirement, r.Result, r.Evidence))
            .Take(MaxCitations * 4)
            .ToListAsync(cancellationToken);
        var citations = candidates.Where(c => Keys(c.Evidence).Contains(key, StringComparer.Ordinal)).ToList();
        var certificate = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Serial == key, cancellationToken);
        var files = await db.Set<RunOutputFile>().AsNoTracking().Where(f => f.RunId == runId).Select(f => f.RelativePath).ToListAsync(cancellationToken);
        return new EvidenceView(
            key,
            [.. citations.Take(MaxCitations)],
            citations.Count > MaxCitations || candidates.Count == MaxCitations * 4,
            certificate,
            [.. files.Where(f => Path.GetFileNameWithoutExtension(f) == key).Order(StringComparer.Ordinal)]);
    }
}
