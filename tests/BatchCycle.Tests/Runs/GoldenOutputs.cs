using System.Text;

namespace BatchCycle.Tests.Runs;

/// <summary>
/// The outputs a faster pipeline must keep byte for byte (issue 22: "no behaviour changes"): every file under
/// <c>results/</c>, and <c>certificates/certificates.csv</c> with its <c>VerificationCode</c> column blanked, since
/// a verification code is drawn at random for each certificate issued (docs/outputs.md).
/// </summary>
public static class GoldenOutputs
{
    /// <summary>The column drawn at random on every run, so left out of the comparison.</summary>
    public const string RandomColumn = "VerificationCode";

    private const string Certificates = "certificates/certificates.csv";

    /// <summary>The compared files of a run's output folder, by relative path ('/' between folders), in ordinal order.</summary>
    public static IReadOnlyList<(string Path, byte[] Content)> Collect(string outFolder)
    {
        var results = Path.Combine(outFolder, "results");
        var files = Directory.EnumerateFiles(results, "*", SearchOption.AllDirectories)
            .Select(f => (Path: Path.GetRelativePath(outFolder, f).Replace(Path.DirectorySeparatorChar, '/'), Content: File.ReadAllBytes(f)))
            .ToList();
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var certificates = strict.GetString(File.ReadAllBytes(Path.Combine(outFolder, Certificates)));
        files.Add((Certificates, strict.GetBytes(BlankColumn(certificates, RandomColumn))));
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The CSV text with the named column's value removed from every data row, every other byte kept as it was
    /// (byte order mark, quoting, line ends), so that only that column escapes the comparison. Fields are found by
    /// RFC 4180's rules: a comma or line end outside double quotes ends a field.
    /// </summary>
    public static string BlankColumn(string text, string column)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new StringBuilder(text.Length);
        int? blanked = null;
        var (row, field, fieldStart, copied, quoted) = (0, 0, 0, 0, false);
        // One step past the end, read as a line end, closes a last row that has none.
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\n';
            if (c == '"')
            {
                // A doubled quote inside a quoted field toggles twice, so the state stays right.
                quoted = !quoted;
                continue;
            }

            if (quoted || (c != ',' && c != '\n'))
            {
                continue;
            }

            var fieldEnd = c == '\n' && i > fieldStart && text[i - 1] == '\r' ? i - 1 : i;
            if (row == 0 && text[fieldStart..fieldEnd].TrimStart('\uFEFF').Trim('"') == column)
            {
                blanked = field;
            }
            else if (row > 0 && field == blanked)
            {
                output.Append(text, copied, fieldStart - copied);
                copied = fieldEnd;
            }

            (row, field, fieldStart) = c == '\n' ? (row + 1, 0, i + 1) : (row, field + 1, i + 1);
        }

        if (blanked is null)
        {
            throw new InvalidOperationException($"The CSV has no column {column} in its header row.");
        }

        return output.Append(text, copied, text.Length - copied).ToString();
    }
}
