using BatchCycle.Runs;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Import;

/// <summary>
/// Hands a run's imported records from the import to the later stages. The records of the run imported last
/// stay in memory; a stage of any other run (one resumed by a new process, say) reads the run's source files
/// again from the database, where the import kept them byte for byte, and gets the same records: the importer
/// reads the same bytes, names and modification times the same way. Those stored files, not a second copy of
/// millions of records, are what a run is explained and repeated from.
/// </summary>
public static class ImportStore
{
    private static readonly LastRunMemory<CycleData> Imported = new();

    /// <summary>Keeps the records of the run for its later stages.</summary>
    public static Task SaveAsync(RunContext run, CycleData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(data);
        cancellationToken.ThrowIfCancellationRequested();
        Imported.Remember(run, data);
        return Task.CompletedTask;
    }

    /// <summary>The records a run imported, each kind in the order it was imported.</summary>
    public static async Task<CycleData> LoadAsync(RunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Imported.Recall(run) is { } data)
        {
            return data;
        }

        await using var db = run.OpenDb();
        var files = await db.SourceFiles.AsNoTracking()
            .Where(f => f.RunId == run.RunId)
            .OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.FileName, f.LastModified })
            .ToListAsync(cancellationToken);
        var import = new CycleImport();
        foreach (var file in files)
        {
            // One file's bytes at a time: the files of a whole-region cycle are hundreds of megabytes together.
            var content = await db.SourceFiles.AsNoTracking().Where(f => f.Id == file.Id).Select(f => f.Content).SingleAsync(cancellationToken);
            import.ReadFile(file.FileName, content, file.LastModified ?? DateTime.MinValue, cancellationToken);
        }

        data = import.ToCycleData();
        Imported.Remember(run, data);
        return data;
    }
}
