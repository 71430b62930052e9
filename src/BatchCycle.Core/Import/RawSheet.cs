using BatchCycle.Messages;

namespace BatchCycle.Import;

/// <summary>
/// A cell that shows a spreadsheet error such as <c>#N/A</c> instead of a value, or whose value is damaged in
/// the file; <paramref name="Problem"/> then says how, in place of the usual words about an error shown.
/// </summary>
public sealed record CellError(string Code, Message? Problem = null)
{
    public override string ToString() => Code;
}

/// <summary>
/// A row that has at least one value, with its number as the user sees it in Excel (1-based; for CSV the
/// record number, so a quoted line break does not shift later rows). Cells are <see cref="string"/>,
/// <see cref="double"/>, <see cref="bool"/>, <see cref="DateTime"/>, <see cref="CellError"/> or null.
/// </summary>
public sealed record RawRow(int Number, IReadOnlyList<object?> Cells)
{
    public object? this[int column] => column < Cells.Count ? Cells[column] : null;
}

/// <summary>
/// A sheet of a workbook, or a whole CSV file (named after the file), as its rows with values. The rows may be
/// read as they are enumerated, once (a CSV file); <paramref name="Failure"/> then tells whether reading
/// stopped part-way.
/// </summary>
public sealed record RawSheet(string Name, IEnumerable<RawRow> Rows, ReadFailure? Failure = null);

/// <summary>Where and why the rows of a sheet stopped being readable part-way, once its rows were enumerated.</summary>
public sealed class ReadFailure
{
    public int? Row { get; private set; }

    public Message? Problem { get; private set; }

    public void Stop(int row, Message problem)
    {
        Row = row;
        Problem = problem;
    }
}

/// <summary>What could be read from one file: its sheets, or why it could not be read at all.</summary>
public sealed record RawFile(IReadOnlyList<RawSheet> Sheets, Message? Failure)
{
    public static RawFile Failed(Message problem) => new([], problem);
}
