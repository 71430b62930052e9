using System.Text;

namespace BatchCycle.Runs;

/// <summary>
/// Writes the result CSV files (RFC 4180, UTF-8 with BOM so that Excel shows Chinese correctly). Fields that
/// start like a formula are prefixed with an apostrophe, so opening a result in a spreadsheet never runs one
/// (OWASP CSV injection).
/// </summary>
public static class CsvOutput
{
    public static async Task WriteAsync(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await writer.WriteAsync(Line(header).AsMemory(), cancellationToken);
        foreach (var row in rows)
        {
            await writer.WriteAsync(Line(row).AsMemory(), cancellationToken);
        }
    }

    public static string Line(IReadOnlyList<string?> fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(Field(fields[i]));
        }

        return line.Append("\r\n").ToString();
    }

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = IsFormulaLike(value) ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>The characters a spreadsheet treats as the start of a formula.</summary>
    public static bool IsFormulaLike(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n';
}
