using BatchCycle.Pipeline;
using Microsoft.Data.Sqlite;
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
            .Select(f => new { f.Id, f.FileName, f.OriginalName, f.Size, f.LastModified })
            .ToListAsync(cancellationToken);
        var import = new CycleImport();
        var sqlite = db.Database.GetDbConnection() as SqliteConnection;
        if (sqlite is not null)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        foreach (var file in files)
        {
            var name = file.OriginalName ?? file.FileName;
            var lastWrite = file.LastModified ?? DateTime.MinValue;
            if (sqlite is not null && !CycleImport.IsWorkbook(name))
            {
                // A CSV file is read from its stored row as its rows are parsed, as the import read it from the disk.
                import.ReadFile(CycleImport.OpenCsv(name, file.Size, () => new SqliteBlob(sqlite, "SourceFiles", "Content", file.Id, readOnly: true), cancellationToken), lastWrite);
                continue;
            }

            // One file's bytes at a time: the files of a whole-region cycle are hundreds of megabytes together.
            var content = await db.SourceFiles.AsNoTracking().Where(f => f.Id == file.Id).Select(f => f.Content).SingleAsync(cancellationToken);
            import.ReadFile(name, content, lastWrite, cancellationToken);
        }

        return import.ToCycleData();
    }
}
