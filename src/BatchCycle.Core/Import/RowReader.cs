using BatchCycle.Messages;

namespace BatchCycle.Import;

/// <summary>
/// Reads the cells of one data row of a recognised sheet by column name, reporting every problem of the row
/// (not only the first) with file, sheet, row and the header as written. A problem rejects the row; a warning
/// keeps it.
/// </summary>
public sealed class RowReader(string file, string sheet, HeaderMap map, RawRow row, ICollection<ImportIssue> issues, StringCache strings)
{
    public SourceRow Source { get; } = new(file, sheet, row.Number);

    /// <summary>True once a problem was reported: the row is not imported.</summary>
    public bool Failed { get; private set; }

    /// <summary>The header of a column as written in the file, or its English name when the sheet lacks it.</summary>
    public string Header(string column) => map[column]?.Header ?? column;

    public void Problem(string column, Message problem) => issues.Add(Rejection(column, problem));

    /// <summary>The problem that rejects the row, for a caller that keeps the issues in its own order.</summary>
    public ImportIssue Rejection(string column, Message problem)
    {
        Failed = true;
        return new ImportIssue(file, sheet, row.Number, Header(column), Message.Of("Import.RowRejected", problem));
    }

    public void Warning(string column, Message problem) =>
        issues.Add(new ImportIssue(file, sheet, row.Number, Header(column), problem));

    /// <summary>True when the column is absent or its cell is empty (an error cell is not empty).</summary>
    public bool IsBlank(string column) => map[column] is not { } at || (row[at.Index] is not CellError && CellValues.Text(row[at.Index]) is null);

    /// <summary>The cell's text, kept in the record: one copy of each text repeated across rows (<see cref="StringCache"/>).</summary>
    public string? Text(string column, bool required = false) => strings.Intern(CellText(column, required));

    /// <summary>An identifier: trimmed, full-width folded, upper-cased.</summary>
    public string? Id(string column, bool required = false) =>
        CellText(column, required) is { } text ? strings.Intern(CellValues.Identifier(text)) : null;

    public DateOnly? Date(string column, bool required = false) =>
        Read<DateOnly>(column, required, CellValues.TryDate);

    public bool? YesNo(string column, bool required = false) =>
        Read<bool>(column, required, CellValues.TryYesNo);

    public decimal? Amount(string column) => Read<decimal>(column, false, CellValues.TryAmount);

    public decimal? Percent(string column) => Read<decimal>(column, false, CellValues.TryPercent);

    public int? Year(string column) => Read<int>(column, false, CellValues.TryYear);

    public T? Code<T>(string column, CodeTable<T> table, bool required = false)
        where T : struct, Enum
    {
        if (CellText(column, required) is not { } text)
        {
            return null;
        }

        if (table.TryRead(text, out var value))
        {
            return value;
        }

        Problem(column, Message.Of("Import.UnknownCode", CellValues.Quote(text), column, table.Expected));
        return null;
    }

    /// <summary>A factory id (USCC, or H + BR number); a wrong shape or USCC check character is a warning.</summary>
    public string? FactoryId(string column, bool required = false)
    {
        if (CellText(column, required) is not { } text)
        {
            return null;
        }

        if (CellValues.FactoryId(text) is not { } id)
        {
            Warning(column, Message.Of("Import.NotFactoryId", CellValues.Quote(text)));
            return strings.Intern(CellValues.Identifier(text));
        }

        CheckUscc(column, id);
        return strings.Intern(id);
    }

    /// <summary>
    /// A registration number: the 8-digit BR number when it is one (or a BR certificate number), otherwise
    /// the identifier as written. With <paramref name="mustBeBr"/> anything else is warned about, and so is a
    /// BR number typed as text with fewer than 8 digits (docs/criteria.md 2.1).
    /// </summary>
    public string? RegistrationNo(string column, bool mustBeBr = false)
    {
        if (Value(column, false) is not { } cell || CellValues.Text(cell) is not { } text)
        {
            return null;
        }

        if (CellValues.BrNumber(cell) is { } br)
        {
            if (mustBeBr && ShortBrText(cell) is { } written)
            {
                Warning(column, Message.Of("Import.ShortBr", written.Length, br));
            }

            return strings.Intern(br);
        }

        if (mustBeBr)
        {
            Warning(column, Message.Of("Import.NotBr", CellValues.Quote(text)));
        }

        return strings.Intern(CellValues.Identifier(text));
    }

    /// <summary>
    /// The digits as written when a text cell holds a BR number of fewer than 8 digits. Excel drops the leading
    /// zeros of a number, so a numeric cell is padded without a word; text kept as text was typed short, and the
    /// padded number may not be the company's (docs/criteria.md 2.1). Null for anything else.
    /// </summary>
    public string? ShortBrText(string column) => Value(column, false) is { } cell ? ShortBrText(cell) : null;

    private static string? ShortBrText(object cell)
    {
        if (cell is double || CellValues.Text(cell) is not { } text)
        {
            return null;
        }

        var id = CellValues.Identifier(text);
        return id.Length is > 0 and < 8 && id.All(char.IsAsciiDigit) ? id : null;
    }

    /// <summary>An entity named by an authority: a USCC, an H + BR factory id, a BR number, or any other registration.</summary>
    public string? EntityId(string column)
    {
        if (Value(column, false) is not { } cell || CellValues.Text(cell) is not { } text)
        {
            return null;
        }

        if (CellValues.FactoryId(text) is { } factory)
        {
            CheckUscc(column, factory);
            return strings.Intern(factory);
        }

        return strings.Intern(CellValues.BrNumber(cell) ?? CellValues.Identifier(text));
    }

    private void CheckUscc(string column, string id)
    {
        if (id.Length == 18 && !Uscc.IsValid(id))
        {
            var expected = id[..17].All(c => "0123456789ABCDEFGHJKLMNPQRTUWXY".Contains(c, StringComparison.Ordinal))
                ? Message.Of("Import.UsccCheck", Uscc.CheckCharacter(id[..17]).ToString())
                : Message.Of("Import.UsccLetters");
            Warning(column, Message.Of("Import.InvalidUscc", CellValues.Quote(id), expected));
        }
    }

    private delegate Message? TryParse<T>(object cell, out T value);

    private T? Read<T>(string column, bool required, TryParse<T> parse)
        where T : struct
    {
        if (Value(column, required) is not { } cell)
        {
            return null;
        }

        if (parse(cell, out var value) is { } problem)
        {
            Problem(column, problem);
            return null;
        }

        return value;
    }

    /// <summary>
    /// The cell's text as read, for a value made from it (an identifier, a code): only what a record keeps goes
    /// through the cache, once, so millions of coded and identifier cells are not looked up there twice or in vain.
    /// </summary>
    private string? CellText(string column, bool required) => Value(column, required) is { } cell ? CellValues.Text(cell) : null;

    /// <summary>The cell of a column, null when blank; a missing required value and an error cell are reported.</summary>
    private object? Value(string column, bool required)
    {
        if (map[column] is not { } at)
        {
            return null;
        }

        var cell = row[at.Index];
        if (cell is CellError error)
        {
            Problem(column, error.Problem ?? Message.Of("Import.ErrorCell", error.Code));
            return null;
        }

        if (CellValues.Text(cell) is null)
        {
            if (required)
            {
                Problem(column, Message.Of("Import.RequiredEmpty", map.Kind[column].Display));
            }

            return null;
        }

        return cell;
    }
}
