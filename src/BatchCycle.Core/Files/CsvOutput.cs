using System.Buffers;
using System.Text;

namespace BatchCycle.Files;

/// <summary>
/// Writes the result CSV files (RFC 4180, UTF-8 with BOM so that Excel shows Chinese correctly). Fields that
/// start like a formula are prefixed with an apostrophe, so opening a result in a spreadsheet never runs one
/// (OWASP CSV injection).
/// </summary>
public static class CsvOutput
{
    /// <summary>Writes the file whole or not at all (<see cref="AtomicFile"/>), so a run cut off never leaves half a result.</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, CancellationToken cancellationToken)
    {
        await AtomicFile.WriteAsync(path, (stream, token) => WriteAsync(stream, header, rows, token), cancellationToken, AtomicFile.LargeBufferSize);
    }

    private static async Task WriteAsync(Stream stream, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        var line = Append(new StringBuilder(), header);

        // Lines are gathered and written a block at a time: a result file has hundreds of thousands of lines, and
        // an asynchronous write per line costs more than the line.
        foreach (var row in rows)
        {
            Append(line, row);
            if (line.Length >= 1 << 16)
            {
                await writer.WriteAsync(line, cancellationToken);
                line.Clear();
            }
        }

        await writer.WriteAsync(line, cancellationToken);
    }

    public static string Line(IReadOnlyList<string?> fields) => Append(new StringBuilder(), fields).ToString();

    private static StringBuilder Append(StringBuilder line, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            AppendField(line, fields[i]);
        }

        return line.Append("\r\n");
    }

    /// <summary>The characters that make a field quoted (RFC 4180).</summary>
    private static readonly SearchValues<char> Quoted = SearchValues.Create(",\"\r\n");

    public static string Field(string? value) => AppendField(new StringBuilder(), value).ToString();

    /// <summary>Appends the field in place: a requirements file has 740,000 lines at 100×, most with a quoted note.</summary>
    private static StringBuilder AppendField(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return line;
        }

        var quoted = value.AsSpan().ContainsAny(Quoted);
        if (quoted)
        {
            line.Append('"');
        }

        if (IsFormulaLike(value))
        {
            line.Append('\'');
        }

        var rest = value.AsSpan();
        for (var quote = rest.IndexOf('"'); quoted && quote >= 0; quote = rest.IndexOf('"'))
        {
            line.Append(rest[..(quote + 1)]).Append('"');
            rest = rest[(quote + 1)..];
        }

        line.Append(rest);
        return quoted ? line.Append('"') : line;
    }

    /// <summary>The characters a spreadsheet treats as the start of a formula.</summary>
    public static bool IsFormulaLike(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n';
}
