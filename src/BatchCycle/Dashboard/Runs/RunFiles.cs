using System.Security.Cryptography;
using BatchCycle.Runs;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Runs;

/// <summary>A file of a run's output folder, by its path relative to that folder (with '/' separators).</summary>
public sealed record RunFile(string RelativePath, long Size);

/// <summary>A run's file opened for download, positioned at its start; the caller disposes it.</summary>
public sealed record OpenedRunFile(Stream Content, string FileName);

/// <summary>
/// The files a run wrote, and the one way to reach them from a URL. Only a file the pipeline recorded for the
/// run is served (see <see cref="RunOutputs"/>), and only while it still has the recorded size and SHA-256:
/// whatever else lies in the output folder, or whatever replaced a recorded file, is "not found".
/// </summary>
public static class RunFiles
{
    public static async Task<IReadOnlyList<RunFile>> ListAsync(BatchCycleDb db, long runId, CancellationToken cancellationToken)
    {
        var files = await db.Set<RunOutputFile>().AsNoTracking()
            .Where(f => f.RunId == runId)
            .Select(f => new RunFile(f.RelativePath, f.Size))
            .ToListAsync(cancellationToken);
        return [.. files
            .OrderBy(f => f.RelativePath.Contains('/', StringComparison.Ordinal))
            .ThenBy(f => f.RelativePath, StringComparer.Ordinal)];
    }

    /// <summary>The recorded file <paramref name="relativePath"/> of the run, opened, or null when it may not be served.</summary>
    public static async Task<OpenedRunFile?> OpenAsync(BatchCycleDb db, RunRecord run, string? relativePath, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(relativePath))
        {
            return null;
        }

        var record = await db.Set<RunOutputFile>().AsNoTracking()
            .SingleOrDefaultAsync(f => f.RunId == run.Id && f.RelativePath == relativePath, cancellationToken);
        if (record is null || PathOf(run.OutFolder, record.RelativePath) is not { } path)
        {
            return null;
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        try
        {
            // Hashing the very handle that is served means the bytes sent are the bytes the run wrote, even if a
            // link was swapped in after the check above; the second check closes that gap for the path as well.
            var matches = stream.Length == record.Size
                && Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken)) == record.Sha256
                && PathOf(run.OutFolder, record.RelativePath) is not null;
            if (matches)
            {
                stream.Position = 0;
                return new OpenedRunFile(stream, Path.GetFileName(path));
            }
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }

        await stream.DisposeAsync();
        return null;
    }

    /// <summary>
    /// The full path of a recorded file, walked one part at a time from the output folder: every part must be a
    /// plain folder or, the last, a plain file, never a link. The output folder itself is where the run was told
    /// to write, and may be reached through links of the machine's own (a mounted data disk).
    /// </summary>
    private static string? PathOf(string outFolder, string relativePath)
    {
        var parts = relativePath.Split('/');
        if (parts.Any(p => p is "" or "." or ".." || p.Contains('\\', StringComparison.Ordinal) || p.Contains('\0', StringComparison.Ordinal)))
        {
            return null;
        }

        var current = Path.GetFullPath(outFolder);
        for (var i = 0; i < parts.Length; i++)
        {
            current = Path.Combine(current, parts[i]);
            FileSystemInfo info = i < parts.Length - 1 ? new DirectoryInfo(current) : new FileInfo(current);
            if (!info.Exists || info.LinkTarget is not null)
            {
                return null;
            }
        }

        return current;
    }
}
