using BatchCycle.Pipeline;

namespace BatchCycle.Runs;

/// <summary>An output folder the program must not write into; a user error, reported before the run starts.</summary>
public sealed class OutFolderRefusedException(string message) : UserFacingException(message);

/// <summary>
/// Refuses an output folder that holds what the program keeps to itself: the database (password hashes), the
/// dashboard's data folder or its keys (which sign the sign-in cookies). A run writes and the dashboard offers
/// for download what lies in the output folder, so such a folder must never be one.
/// </summary>
public static class OutFolderGuard
{
    /// <exception cref="OutFolderRefusedException">The folder contains one of <paramref name="protectedPaths"/>.</exception>
    public static void Check(string outFolder, IEnumerable<string> protectedPaths)
    {
        var outFull = Path.GetFullPath(outFolder);
        var outForms = Forms(outFull);
        foreach (var path in protectedPaths)
        {
            var full = Path.GetFullPath(path);
            if (Forms(full).Any(p => outForms.Any(o => Contains(o, p))))
            {
                throw new OutFolderRefusedException(
                    $"The output folder '{outFull}' contains '{full}', which the program keeps to itself (its database, the dashboard's data folder or its keys); choose an output folder of its own. "
                    + $"输出文件夹 '{outFull}' 包含程序自用的 '{full}'（数据库、仪表板数据文件夹或密钥），请另选专用的输出文件夹。");
            }
        }
    }

    /// <summary>The path as written and, when its last part is a link, where the link leads.</summary>
    private static string[] Forms(string fullPath)
    {
        FileSystemInfo info = Directory.Exists(fullPath) ? new DirectoryInfo(fullPath) : new FileInfo(fullPath);
        var target = info.Exists ? info.ResolveLinkTarget(returnFinalTarget: true) : null;
        return target is null ? [fullPath] : [fullPath, Path.GetFullPath(target.FullName)];
    }

    private static bool Contains(string folder, string path)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(folder);
        var prefix = trimmed.EndsWith(Path.DirectorySeparatorChar) ? trimmed : trimmed + Path.DirectorySeparatorChar;
        return string.Equals(Path.TrimEndingDirectorySeparator(path), trimmed, StringComparison.Ordinal)
            || path.StartsWith(prefix, StringComparison.Ordinal);
    }
}
