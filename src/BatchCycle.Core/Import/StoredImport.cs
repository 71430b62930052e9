using BatchCycle.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Import;

/// <summary>
/// The records a run imported, read again from the source files the import kept byte for byte in the database:
/// the importer reads the same bytes, names and modification times the same way, so it gets the same records.
/// Those stored files, not a second copy of millions of records, are what a run is explained and repeated from.
/// </summary>
public static class StoredImport
{
    /// <summary>The records of the run, each kind in the order it was imported.</summary>
    public static async Task<CycleData> LoadAsync(RunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var db = run.OpenDb();
        var files = await db.SourceFiles.AsNoTracking()
            .Where(f => f.RunId == run.RunId)
            .OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.FileName, f.OriginalName, f.LastModified })
            .ToListAsync(cancellationToken);
        var import = new CycleImport();
        foreach (var file in files)
        {
            // One file's bytes at a time: the files of a whole-region cycle are hundreds of megabytes together.
            var content = await db.SourceFiles.AsNoTracking().Where(f => f.Id == file.Id).Select(f => f.Content).SingleAsync(cancellationToken);
            import.ReadFile(file.OriginalName ?? file.FileName, content, file.LastModified ?? DateTime.MinValue, cancellationToken);
        }

        return import.ToCycleData();
    }
}
