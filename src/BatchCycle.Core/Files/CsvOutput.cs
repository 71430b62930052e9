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

    /// <summary>Starts a CSV file written a row at a time (<see cref="CsvWriter"/>), for rows made beside other work.</summary>
    public static CsvWriter Begin(string path, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var file = AtomicFile.Begin(path, AtomicFile.LargeBufferSize);
        var writer = new CsvWriter(file);
        writer.Add(header);
        return writer;
    }

    public static string Line(IReadOnlyList<string?> fields) => Append(new StringBuilder(), fields).ToString();

    internal static StringBuilder Append(StringBuilder line, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(Field(fields[i]));
        }

        return line.Append("\r\n");
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

/// <summary>
/// A CSV file of <see cref="CsvOutput.Begin"/>: rows are gathered and written a block at a time, as
/// <see cref="CsvOutput.WriteAsync"/> does; the file appears under its name only when <see cref="CompleteAsync"/> is called.
/// </summary>
public sealed class CsvWriter : IAsyncDisposable
{
    private const int BlockChars = 1 << 16;

    private readonly PendingFile file;
    private readonly StreamWriter writer;
    private readonly StringBuilder lines = new();
    private bool completed;

    internal CsvWriter(PendingFile file)
    {
        this.file = file;
        writer = new StreamWriter(file.Stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), BlockChars, leaveOpen: true);
    }

    /// <summary>Adds a row; the lines gathered so far are written once they fill a block.</summary>
    public void Add(IReadOnlyList<string?> row)
    {
        CsvOutput.Append(lines, row);
        if (lines.Length >= BlockChars)
        {
            writer.Write(lines);
            lines.Clear();
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await writer.WriteAsync(lines, cancellationToken);
        await writer.DisposeAsync();
        await file.CommitAsync();
        completed = true;
    }

    /// <summary>Without <see cref="CompleteAsync"/> (a failure, a cancellation), nothing is written under the file's name.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!completed)
        {
            await writer.DisposeAsync();
            await file.DisposeAsync();
        }
    }
}
