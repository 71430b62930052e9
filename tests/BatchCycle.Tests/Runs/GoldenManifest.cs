using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BatchCycle.Tests.Runs;

/// <summary>
/// A committed record of outputs: <c>&lt;name&gt;.sha256</c>, one line <c>&lt;sha256&gt;  &lt;relative path&gt;</c> per
/// file, and <c>&lt;name&gt;.lines</c>, a short hash of every run of lines of each file (of every line when the file
/// has at most <see cref="MaxHashesPerFile"/>), so that a mismatch can name where a file first differs without the
/// old file being kept.
/// </summary>
public static class GoldenManifest
{
    /// <summary>Set to 1, the golden tests write their manifests from the current outputs instead of comparing.</summary>
    public const string UpdateVariable = "BATCHCYCLE_UPDATE_GOLDEN";

    private const int MaxHashesPerFile = 1024;

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static void Write(string folder, string name, IReadOnlyList<(string Path, byte[] Content)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".sha256"), string.Concat(files.Select(f => $"{Sha256(f.Content)}  {f.Path}\n")));
        var lines = new StringBuilder();
        foreach (var (path, content) in files)
        {
            var starts = LineStarts(content);
            var perHash = Math.Max(1, (starts.Count + MaxHashesPerFile - 1) / MaxHashesPerFile);
            lines.Append(CultureInfo.InvariantCulture, $"==\t{path}\t{starts.Count}\t{perHash}\n");
            lines.AppendJoin("", RunHashes(content, starts, perHash).Select(h => h + "\n"));
        }

        File.WriteAllText(Path.Combine(folder, name + ".lines"), lines.ToString());
    }

    /// <summary>What differs from the manifest, one line per file: missing, unexpected, or changed and where; empty when all is the same.</summary>
    public static IReadOnlyList<string> Differences(string folder, string name, IReadOnlyList<(string Path, byte[] Content)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var expected = File.ReadLines(Path.Combine(folder, name + ".sha256"))
            .Select(l => l.Split("  ", 2))
            .ToDictionary(p => p[1], p => p[0], StringComparer.Ordinal);
        var lines = ReadLineHashes(Path.Combine(folder, name + ".lines"));
        var actual = files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        var differences = expected.Keys.Where(p => !actual.ContainsKey(p)).Select(p => $"{p}: in the manifest, but the run did not write it").ToList();
        foreach (var (path, content) in files)
        {
            var sha = Sha256(content);
            if (!expected.TryGetValue(path, out var expectedSha))
            {
                differences.Add($"{path}: written by the run, but not in the manifest");
            }
            else if (sha != expectedSha)
            {
                differences.Add($"{path}: differs (sha256 {sha}, expected {expectedSha}); {FirstDifference(lines[path], content)}");
            }
        }

        return differences;
    }

    /// <summary>The lines of a file as the manifest counted them: one per line end, and a last one without it.</summary>
    private static List<int> LineStarts(byte[] content)
    {
        var starts = new List<int>();
        for (var start = 0; start < content.Length;)
        {
            starts.Add(start);
            var end = Array.IndexOf(content, (byte)'\n', start);
            start = end < 0 ? content.Length : end + 1;
        }

        return starts;
    }

    /// <summary>A hash of each run of <paramref name="perHash"/> lines, line ends included, first 16 hex digits of its SHA-256.</summary>
    private static IEnumerable<string> RunHashes(byte[] content, List<int> starts, int perHash)
    {
        for (var first = 0; first < starts.Count; first += perHash)
        {
            var end = first + perHash < starts.Count ? starts[first + perHash] : content.Length;
            yield return Convert.ToHexStringLower(SHA256.HashData(content.AsSpan(starts[first], end - starts[first])))[..16];
        }
    }

    private static string FirstDifference(LineHashes expected, byte[] content)
    {
        var starts = LineStarts(content);
        var actual = RunHashes(content, starts, expected.PerHash).ToList();
        var run = Enumerable.Range(0, Math.Min(actual.Count, expected.Hashes.Count)).FirstOrDefault(i => actual[i] != expected.Hashes[i], -1);
        var counts = string.Create(CultureInfo.InvariantCulture, $"{starts.Count:N0} lines now, {expected.Lines:N0} expected");
        if (run < 0)
        {
            var line = Math.Min(starts.Count, expected.Lines) + 1;
            return string.Create(CultureInfo.InvariantCulture, $"the first {line - 1:N0} lines are the same, the first difference is at line {line:N0} ({counts})");
        }

        var from = (run * expected.PerHash) + 1;
        var to = Math.Min(from + expected.PerHash - 1, Math.Max(starts.Count, expected.Lines));
        return expected.PerHash == 1
            ? string.Create(CultureInfo.InvariantCulture, $"the first difference is at line {from:N0} ({counts})")
            : string.Create(CultureInfo.InvariantCulture, $"the first difference is within lines {from:N0}–{to:N0} ({counts}; the manifest keeps one hash per {expected.PerHash} lines)");
    }

    private static Dictionary<string, LineHashes> ReadLineHashes(string path)
    {
        var files = new Dictionary<string, LineHashes>(StringComparer.Ordinal);
        LineHashes? current = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("==\t", StringComparison.Ordinal))
            {
                var parts = line.Split('\t');
                current = new LineHashes(int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture), []);
                files.Add(parts[1], current);
            }
            else
            {
                current!.Hashes.Add(line);
            }
        }

        return files;
    }

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private sealed record LineHashes(int Lines, int PerHash, List<string> Hashes);
}
