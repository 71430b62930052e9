using BatchCycle.Messages;

namespace BatchCycle.Import;

/// <summary>Where each column of a recognised sheet is: its index and the header as written in the file.</summary>
public sealed record ColumnAt(int Index, string Header);

/// <summary>A sheet recognised as one input kind by its header row.</summary>
public sealed record HeaderMap(InputKind Kind, int HeaderRow, IReadOnlyDictionary<string, ColumnAt> Columns, IReadOnlyList<ColumnProblem> Duplicates)
{
    public ColumnAt? this[string column] => Columns.GetValueOrDefault(column);
}

/// <summary>A problem with one column of a header row, named by the header as written.</summary>
public sealed record ColumnProblem(string Header, Message Problem);

/// <summary>The header row found, or why the sheet was not recognised.</summary>
public sealed record HeaderSearch(HeaderMap? Map, Message? Problem);

/// <summary>
/// Finds the header row of a sheet: the first of its first rows that holds the required columns of exactly
/// one input kind (docs/inputs.md: files are recognised by their headers, not by their names).
/// </summary>
public static class HeaderMatch
{
    /// <summary>How many rows with values may come before the header (a title, a note, a blank line).</summary>
    public const int SearchRows = 20;

    /// <param name="head">The first rows of the sheet: up to <see cref="SearchRows"/>, and one more when there are more.</param>
    public static HeaderSearch Find(IReadOnlyList<RawRow> head)
    {
        ArgumentNullException.ThrowIfNull(head);
        (InputKind Kind, List<InputColumn> Missing)? closest = null;
        foreach (var row in head.Take(SearchRows))
        {
            var keys = row.Cells.Select(c => CellValues.Text(c) is { } text ? TextFolding.Key(text) : "").ToList();
            var matches = new List<InputKind>();
            foreach (var kind in InputKinds.All)
            {
                var missing = kind.RequiredColumns.Where(c => !keys.Any(c.Keys.Contains)).ToList();
                if (missing.Count == 0)
                {
                    matches.Add(kind);
                }
                else if (missing.Count < kind.RequiredColumns.Count() && (closest is null || missing.Count < closest.Value.Missing.Count))
                {
                    closest = (kind, missing);
                }
            }

            // The panel workbook lists the applications it decides on; a sheet with a Decision column is the
            // panel's answer even when it also carries every column of an application.
            if (matches.Count > 1 && matches.Contains(InputKinds.PanelDecisions))
            {
                matches.Remove(InputKinds.Applications);
            }

            if (matches.Count == 1)
            {
                return new HeaderSearch(Map(matches[0], row, keys), null);
            }

            if (matches.Count > 1)
            {
                return new HeaderSearch(
                    null,
                    Message.Of("Import.HeaderTwoKinds", row.Number, MessageList.Of(ListStyle.And, [.. matches.Select(k => k.Name)])));
            }
        }

        // A header below the rows searched is not found at all; saying where it was looked for tells the user why.
        object searched = head.Count > SearchRows ? Message.Of("Import.HeaderSearched", SearchRows) : "";
        if (closest is { } near)
        {
            return new HeaderSearch(
                null,
                Message.Of("Import.NearestKind", near.Kind.Name, MessageList.Of(ListStyle.Comma, [.. near.Missing.Select(c => c.Display)]), searched));
        }

        var example = InputKinds.Applications;
        return new HeaderSearch(
            null,
            Message.Of("Import.NoKind", example.Name, MessageList.Of(ListStyle.Comma, [.. example.RequiredColumns.Select(c => c.Name)]), searched));
    }

    private static HeaderMap Map(InputKind kind, RawRow row, List<string> keys)
    {
        var columns = new Dictionary<string, ColumnAt>();
        var duplicates = new List<ColumnProblem>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (kind.Columns.FirstOrDefault(c => c.Keys.Contains(keys[i])) is not { } column)
            {
                continue;
            }

            var header = CellValues.Text(row[i])!;
            if (!columns.TryAdd(column.Name, new ColumnAt(i, header)))
            {
                duplicates.Add(new ColumnProblem(header, Message.Of("Import.ColumnTwice", column.Name, columns[column.Name].Header, header)));
            }
        }

        return new HeaderMap(kind, row.Number, columns, duplicates);
    }
}
