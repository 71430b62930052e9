using System.Diagnostics;
using System.Security.Cryptography;
using BatchCycle.Messages;
using BatchCycle.Pipeline;
using BatchCycle.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BatchCycle.Import;

/// <summary>
/// The first stage of a run: keeps every file of the input folder byte for byte with its SHA-256 (so a run
/// can be explained later), reads each into the records of its kinds, and stores the records and the
/// problems found (<c>results/import-issues.csv</c>). It gives the stages after it the records it read; a resumed
/// run reads the same records again from the stored files (<see cref="StoredImport"/>).
/// </summary>
public sealed class ImportStage : IRunStage<RunRequest, CycleData>
{
    public const string StageName = "import";

    public string Name => StageName;

    /// <param name="input">The run's request: the input folder is read.</param>
    public async Task<StageResult<CycleData>> RunAsync(RunContext run, RunRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);

        if (!Directory.Exists(input.InputFolder))
        {
            throw new InputFolderException($"The input folder '{input.InputFolder}' does not exist. 输入文件夹不存在。");
        }

        // Only the top level: a sub-folder is the secretariat's own archive (or an inbox's records), not this cycle's
        // input. Files are read in the order they were given, oldest first, as panel decisions are: where two files
        // hold a row with the same key, the later file is the correction and its row wins.
        var files = new DirectoryInfo(input.InputFolder).EnumerateFiles()
            .OrderBy(f => f.LastWriteTimeUtc)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        await ForgetEarlierAttemptAsync(run, cancellationToken);
        var import = new CycleImport();
        var log = run.LoggerFactory.CreateLogger<ImportStage>();
        var watch = Stopwatch.StartNew();
        // A file is stored while the next one is read: storing is mostly the disk's work (about a second for a
        // 160 MB file), reading the processor's. One file waits at a time.
        // ExcelDataReader reads all of a workbook's rows on one core when it is opened, so the next workbook is opened
        // on the other while this file's rows are parsed and kept (holding a third file); a CSV file is read as its
        // rows are kept, so it is opened at its turn.
        var storing = Task.CompletedTask;
        Task<(SourceFileRecord, OpenedFile)>? ahead = null;
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var (record, opened) = ahead is null ? Open(run, input.InputFolder, file, cancellationToken) : await ahead;
            var next = i + 1 < files.Count && CycleImport.IsWorkbook(files[i + 1].Name) ? files[i + 1] : null;
            ahead = next is null ? null : Task.Run(() => Open(run, input.InputFolder, next, cancellationToken), cancellationToken);

            // The copy goes into the database once the file is read, with the kinds found in it: SQLite rewrites a whole
            // row to change one of its columns, so naming the kinds afterwards rewrote the stored file (a second for a 160 MB one).
            record.Kinds = string.Join(",", import.ReadFile(opened, record.LastModified!.Value).Select(k => k.Name));
            await storing;
            storing = Task.Run(() => StoreAsync(run, record, file, cancellationToken), cancellationToken);
            run.ReportProgress((i + 1.0) / (files.Count + 1));
            log.LogDebug("import: {File} read at {Seconds:0.00} s", file.Name, watch.Elapsed.TotalSeconds);
        }

        await storing;
        var data = import.ToCycleData();
        await RunApplications.SaveAsync(run, data, cancellationToken);
        log.LogDebug("import: applications list saved at {Seconds:0.00} s", watch.Elapsed.TotalSeconds);
        await ImportIssueLog.AddAsync(run, import.Issues, cancellationToken);
        await ImportIssueLog.WriteCsvAsync(run, cancellationToken);

        var problems = import.Issues.Count - import.Notices.Replaced - import.Notices.Identical;
        var warnings = Warnings(problems, import.Notices, run.Settings.ChineseCulture());
        var outcome = StageOutcome.Of(
            (InputKinds.Applications.CountName, data.Applications.Count),
            (InputKinds.FundedProjects.CountName, data.FundedProjects.Count),
            (InputKinds.ImprovementOptions.CountName, data.ImprovementOptions.Count),
            (InputKinds.Violations.CountName, data.Violations.Count),
            (InputKinds.RegisterLabels.CountName, data.RegisterLabels.Count),
            (InputKinds.Titles.CountName, data.Titles.Count),
            (InputKinds.ServiceProviders.CountName, data.ServiceProviders.Count),
            (InputKinds.Complaints.CountName, data.Complaints.Count),
            (InputKinds.Procurements.CountName, data.Procurements.Count),
            (InputKinds.PanelDecisions.CountName, data.PanelDecisions.Count),
            ("issues", problems),
            ("rows replaced", import.Notices.Replaced),
            ("rows read twice", import.Notices.Identical),
            ("files", files.Count));
        return (warnings.Count == 0 ? outcome : outcome.WithWarnings(warnings)).With(data);
    }

    /// <summary>
    /// Opens the file (<see cref="CycleImport.Open"/>); returns the row that keeps it byte for byte with its checksum.
    /// A workbook is read into memory, as ExcelDataReader reads it whole; a CSV file is read from the disk as its rows
    /// are parsed, and again when it is stored, so that its bytes are never held: at 100× the options' file alone is
    /// 180 MB. Its checksum is taken here and again as it is stored, which tells a file changed meanwhile.
    /// </summary>
    private static (SourceFileRecord Record, OpenedFile Opened) Open(RunContext run, string inputFolder, FileInfo file, CancellationToken cancellationToken)
    {
        var originalName = InboxNames.Of(inputFolder, file.Name);
        var record = new SourceFileRecord
        {
            RunId = run.RunId,
            FileName = file.Name,
            OriginalName = originalName,
            LastModified = file.LastWriteTimeUtc,
        };
        var name = originalName ?? file.Name;
        if (CycleImport.IsWorkbook(file.Name))
        {
            record.Content = File.ReadAllBytes(file.FullName);
            record.Sha256 = Convert.ToHexStringLower(SHA256.HashData(record.Content));
            record.Size = record.Content.LongLength;
            return (record, CycleImport.Open(name, record.Content, cancellationToken));
        }

        using (var stream = File.OpenRead(file.FullName))
        {
            record.Sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
            record.Size = stream.Position;
        }

        return (record, CycleImport.OpenCsv(name, record.Size, () => File.OpenRead(file.FullName), cancellationToken));
    }

    /// <summary>A run resumed in this stage starts the import over: what a cut-off attempt stored is not kept twice.</summary>
    private static async Task ForgetEarlierAttemptAsync(RunContext run, CancellationToken cancellationToken)
    {
        await using var db = run.OpenDb();
        await db.ImportIssues.Where(i => i.RunId == run.RunId).ExecuteDeleteAsync(cancellationToken);
        await db.SourceFiles.Where(f => f.RunId == run.RunId).ExecuteDeleteAsync(cancellationToken);
    }

    private static List<string> Warnings(int problems, ImportNotices notices, System.Globalization.CultureInfo chinese)
    {
        var warnings = new List<string>();
        if (problems > 0)
        {
            warnings.Add(Catalogue.Bilingual(Message.Of("Warning.ImportIssues", problems), chinese));
        }

        if (notices.Replaced > 0)
        {
            warnings.Add(Catalogue.Bilingual(Message.Of("Warning.RowsReplaced", notices.Replaced), chinese));
        }

        if (notices.Identical > 0)
        {
            warnings.Add(Catalogue.Bilingual(Message.Of("Warning.RowsReadTwice", notices.Identical), chinese));
        }

        return warnings;
    }

    /// <summary>Stores the file's row: its bytes as they were read, or (a CSV file, <see cref="Open"/>) read again from the disk.</summary>
    private static async Task StoreAsync(RunContext run, SourceFileRecord record, FileInfo file, CancellationToken cancellationToken)
    {
        await using var db = run.OpenDb();
        var streamed = !CycleImport.IsWorkbook(file.Name);
        if (db.Database.GetDbConnection() is not SqliteConnection sqlite)
        {
            if (streamed)
            {
                record.Content = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
                CheckUnchanged(run, record, SHA256.HashData(record.Content), record.Content.LongLength);
            }

            db.SourceFiles.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        // SQLite copies a bound blob, and again into the row it builds: a 180 MB file took twice its size in memory
        // beside the bytes read. The row is made with room for the content, which is then written into it in place.
        var content = record.Content;
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        record.Content = [];
        db.SourceFiles.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE SourceFiles SET Content = zeroblob({record.Size}) WHERE Id = {record.Id}", cancellationToken);
        using (var blob = new SqliteBlob(sqlite, "SourceFiles", "Content", record.Id))
        {
            if (streamed)
            {
                CopyUnchanged(run, record, file, blob);
            }
            else
            {
                blob.Write(content, 0, content.Length);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Copies the file into the row's content, checking that it is the file that was read.</summary>
    private static void CopyUnchanged(RunContext run, SourceFileRecord record, FileInfo file, SqliteBlob blob)
    {
        using var stream = File.OpenRead(file.FullName);
        var (size, sha256) = SourceFileCopy.Copy(stream, blob, record.Size);
        CheckUnchanged(run, record, sha256, size);
    }

    /// <summary>A file whose bytes changed between its reading and its storing is not stored: what was read could not be shown again.</summary>
    private static void CheckUnchanged(RunContext run, SourceFileRecord record, byte[] sha256, long size)
    {
        if (size != record.Size || !string.Equals(Convert.ToHexStringLower(sha256), record.Sha256, StringComparison.Ordinal))
        {
            throw new InputFileChangedException(Catalogue.Bilingual(Message.Of("Import.FileChanged", record.FileName), run.Settings.ChineseCulture()));
        }
    }
}

/// <summary>An input file was written to while the run read it: the user's to run again once it is saved.</summary>
public sealed class InputFileChangedException(string message) : UserFacingException(message);

/// <summary>The run's input folder is missing (a schedule's folder not yet made, say): the user's to fix.</summary>
public sealed class InputFolderException(string message) : UserFacingException(message);
