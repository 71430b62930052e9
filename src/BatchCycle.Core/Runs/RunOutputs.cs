using System.Buffers;
using System.Security.Cryptography;
using BatchCycle.Pipeline;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BatchCycle.Runs;

/// <summary>
/// Records in the database the files a run writes into its output folder (path, size, SHA-256, the stage that
/// wrote it), so that the dashboard serves those files and nothing else that happens to lie in the folder.
/// </summary>
/// <remarks>
/// Rather than each stage listing what it wrote, the pipeline looks at the whole output folder after each stage
/// completes and records every regular file that is new or changed since it last looked: a stage that adds a
/// folder of outputs is recorded without any change here. What is left out, and why:
/// <list type="bullet">
/// <item>files that were already there when the run started and were not rewritten: they belong to someone
/// else, so a run on a folder with other files in it does not offer them for download. Except when an earlier
/// run of the same database used the folder (a resumed run): what lies in the stages' own folders
/// (<see cref="StageFolders"/>) is then taken over, since a stage that finds its output already there, such as
/// a certificate PDF, does not write it again;</item>
/// <item>anything reached through a symbolic link (file or folder): it may point anywhere;</item>
/// <item>hidden names (a leading '.') and temporary ones (<c>*.tmp</c>, <c>~$*</c>): work files of a stage,
/// which only a stage cut off mid-way leaves behind;</item>
/// <item>the files of a stage that failed: they are partial.</item>
/// </list>
/// </remarks>
public sealed class RunOutputs
{
    /// <summary>The <see cref="RunOutputFile.Stage"/> of run-summary.json, which the pipeline writes after the stages.</summary>
    public const string SummaryStage = "summary";

    public const string SummaryFile = "run-summary.json";

    /// <summary>The <see cref="RunOutputFile.Stage"/> of a file a resumed run took over from an earlier run.</summary>
    public const string EarlierRunStage = "earlier run";

    /// <summary>The folders the stages write into; a stage writing a new folder adds it here so that a resumed run takes it over.</summary>
    public static readonly IReadOnlyList<string> StageFolders = ["results", "panel", "certificates", "reminders"];

    private readonly BatchCycleDatabase database;
    private readonly long runId;
    private readonly string root;

    /// <summary>Size and last write time of every file last seen, by relative path: a file whose pair is unchanged is not hashed again.</summary>
    private readonly Dictionary<string, (long Size, DateTime WrittenAt)> seen;

    private readonly HashSet<string> recorded = new(StringComparer.Ordinal);

    private RunOutputs(BatchCycleDatabase database, long runId, string outFolder)
    {
        this.database = database;
        this.runId = runId;
        root = Path.GetFullPath(outFolder);
        seen = Walk(root).ToDictionary(f => f.RelativePath, f => (f.Info.Length, f.Info.LastWriteTimeUtc), StringComparer.Ordinal);
    }

    /// <summary>Notes what the output folder holds before the run writes anything, and takes over an earlier run's outputs.</summary>
    public static async Task<RunOutputs> StartAsync(BatchCycleDatabase database, long runId, string outFolder, CancellationToken cancellationToken)
    {
        var outputs = new RunOutputs(database, runId, outFolder);
        await using (var db = database.Open())
        {
            // A retried or resumed run already has rows for what its earlier attempts recorded (their summary, the
            // stages they completed): those are updated, not added again, or the attempt would fail on its own files.
            outputs.recorded.UnionWith(await db.Set<RunOutputFile>().AsNoTracking().Where(f => f.RunId == runId).Select(f => f.RelativePath).ToListAsync(cancellationToken));
            var earlierFolders = await db.Runs.AsNoTracking().Where(r => r.Id < runId).Select(r => r.OutFolder).Distinct().ToListAsync(cancellationToken);
            if (!earlierFolders.Any(f => Path.TrimEndingDirectorySeparator(f) == Path.TrimEndingDirectorySeparator(outputs.root)))
            {
                return outputs;
            }
        }

        var adopted = new List<(string, long, string)>();
        foreach (var relativePath in outputs.seen.Keys.Where(p => StageFolders.Any(f => p.StartsWith(f + "/", StringComparison.Ordinal))))
        {
            if (Hash(new FileInfo(Path.Combine(outputs.root, relativePath))) is { } hashed)
            {
                adopted.Add((relativePath, hashed.Size, hashed.Sha256));
            }
        }

        await outputs.SaveAsync(EarlierRunStage, adopted, cancellationToken);
        return outputs;
    }

    /// <summary>Records the files new or changed since the last look, as written by <paramref name="stage"/>.</summary>
    public async Task RecordAsync(string stage, CancellationToken cancellationToken)
    {
        var changed = Walk(root)
            .Select(f => (f.RelativePath, f.Info, Seen: (f.Info.Length, f.Info.LastWriteTimeUtc)))
            .Where(f => !seen.TryGetValue(f.RelativePath, out var before) || before != f.Seen)
            .ToList();

        // A stage may write tens of thousands of files (a whole region's certificates and drafts): they are hashed
        // on every core, each read in large blocks, which took recording them at 100× from 9 % of the run's
        // processor time to about 1 % (CPU profiles of the whole run).
        var hashes = new (long Size, string Sha256)?[changed.Count];
        Parallel.For(0, changed.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => hashes[i] = Hash(changed[i].Info));
        var hashed = changed.Select((c, i) => (c.RelativePath, c.Seen, Hash: hashes[i])).Where(c => c.Hash is not null).ToList();

        await SaveAsync(stage, hashed.Select(c => (c.RelativePath, c.Hash!.Value.Size, c.Hash.Value.Sha256)), cancellationToken);
        foreach (var file in hashed)
        {
            seen[file.RelativePath] = file.Seen;
        }
    }

    /// <summary>
    /// Writes run-summary.json and records it. The record is made first, so that a page which sees the summary
    /// (and so takes the run as finished) also finds it among the run's files.
    /// </summary>
    public async Task WriteSummaryAsync(RunContext context, CancellationToken cancellationToken)
    {
        var content = await RunSummaryWriter.RenderAsync(context, cancellationToken);
        await SaveAsync(SummaryStage, [(SummaryFile, content.LongLength, Convert.ToHexStringLower(SHA256.HashData(content)))], cancellationToken);
        var path = context.OutPath(SummaryFile);
        await File.WriteAllBytesAsync(path, content, cancellationToken);
        var info = new FileInfo(path);
        seen[SummaryFile] = (info.Length, info.LastWriteTimeUtc);
    }

    /// <summary>
    /// For a run that already failed: the failure is what the user must hear, so a summary that cannot be written
    /// (the output folder is unusable, the disk is full) is logged instead of replacing it.
    /// </summary>
    public async Task TryWriteSummaryAsync(RunContext context, ILogger logger)
    {
        try
        {
            await WriteSummaryAsync(context, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Run {RunId}: run-summary.json could not be written: {Message}", context.RunId, ex.Message);
        }
    }

    /// <summary>The file's size and SHA-256, or null when it went away after it was listed (a stage's work file).</summary>
    private static (long Size, string Sha256)? Hash(FileInfo info)
    {
        try
        {
            using var handle = File.OpenHandle(info.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = ArrayPool<byte>.Shared.Rent(HashBlock);
            try
            {
                long offset = 0;
                int read;
                while ((read = RandomAccess.Read(handle, buffer, offset)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    offset += read;
                }

                return (offset, Convert.ToHexStringLower(hash.GetHashAndReset()));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Saves the rows of <paramref name="files"/>: those of paths first seen are inserted in one go (at 100× a
    /// stage adds 20,000–30,000 of them, which one by one through the change tracker took seconds), those of paths
    /// the run recorded before (a resumed run's, the summary's) are updated.
    /// </summary>
    private async Task SaveAsync(string stage, IEnumerable<(string RelativePath, long Size, string Sha256)> files, CancellationToken cancellationToken)
    {
        var recordedAt = DateTime.UtcNow;
        var all = files.ToList();
        await using var db = database.Open();
        var rows = db.Set<RunOutputFile>();
        foreach (var (relativePath, size, sha256) in all.Where(f => recorded.Contains(f.RelativePath)))
        {
            var row = await rows.SingleAsync(f => f.RunId == runId && f.RelativePath == relativePath, cancellationToken);
            row.Stage = stage;
            row.Size = size;
            row.Sha256 = sha256;
            row.RecordedAt = recordedAt;
        }

        await db.SaveChangesAsync(cancellationToken);
        var added = all.Where(f => !recorded.Contains(f.RelativePath)).ToList();
        if (added.Count == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = await TableInsert.StartAsync(connection, transaction, "RunOutputFiles", InsertColumns, cancellationToken))
        {
            foreach (var (relativePath, size, sha256) in added)
            {
                insert.Add(runId, stage, relativePath, size, sha256, recordedAt);
            }

            await insert.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        recorded.UnionWith(added.Select(f => f.RelativePath));
    }

    private static readonly string[] InsertColumns = ["RunId", "Stage", "RelativePath", "Size", "Sha256", "RecordedAt"];

    /// <summary>The block a file is hashed in: large enough that reading is a few calls per file, not thousands.</summary>
    private const int HashBlock = 1 << 20;

    /// <summary>
    /// The regular files under <paramref name="folder"/>, found without following any link: a linked file or
    /// folder is skipped, not entered, so nothing outside the folder is ever reached.
    /// </summary>
    public static IEnumerable<(string RelativePath, FileInfo Info)> Walk(string folder)
    {
        var top = new DirectoryInfo(folder);
        if (!top.Exists)
        {
            yield break;
        }

        var pending = new Stack<(DirectoryInfo Folder, string Prefix)>([(top, "")]);
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        while (pending.TryPop(out var current))
        {
            foreach (var entry in current.Folder.EnumerateFileSystemInfos("*", options).OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                // The enumeration already leaves out links (ReparsePoint); asking each entry for its target would cost a call per file.
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0 || IsWorkFile(entry.Name))
                {
                    continue;
                }

                var relativePath = current.Prefix + entry.Name;
                if (entry is DirectoryInfo sub)
                {
                    pending.Push((sub, relativePath + "/"));
                }
                else if (entry is FileInfo file)
                {
                    yield return (relativePath, file);
                }
            }
        }
    }

    private static bool IsWorkFile(string name) =>
        name.StartsWith('.') || name.StartsWith("~$", StringComparison.Ordinal) || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase);
}
