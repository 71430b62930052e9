namespace BatchCycle.Dashboard.Runs;

/// <summary>A file of a run's output folder, by its path relative to that folder (with '/' separators).</summary>
public sealed record RunFile(string RelativePath, long Size);

/// <summary>
/// The files a run wrote, and the one way to reach them from a URL: a relative path that must resolve to an
/// existing file inside the run's output folder. Anything else is "not found", whatever the path says.
/// </summary>
public static class RunFiles
{
    public static IReadOnlyList<RunFile> List(string outFolder)
    {
        if (!Directory.Exists(outFolder))
        {
            return [];
        }

        var root = Path.GetFullPath(outFolder);
        return [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => new RunFile(Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'), new FileInfo(path).Length))
            .OrderBy(f => f.RelativePath.Contains('/', StringComparison.Ordinal))
            .ThenBy(f => f.RelativePath, StringComparer.Ordinal)];
    }

    /// <summary>The full path of <paramref name="relativePath"/> under <paramref name="outFolder"/>, or null.</summary>
    public static string? Resolve(string outFolder, string? relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath) || Path.IsPathRooted(relativePath) || relativePath.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var root = Path.GetFullPath(outFolder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!full.StartsWith(root, StringComparison.Ordinal) || !File.Exists(full))
        {
            return null;
        }

        // A symbolic link inside the folder could still point elsewhere.
        var target = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true);
        return target is null || Path.GetFullPath(target.FullName).StartsWith(root, StringComparison.Ordinal) ? full : null;
    }
}
