namespace BatchCycle.Import;

/// <summary>One sheet of a file as the import would see it: the input kind its header row matches (null for none) and its rows below the header.</summary>
public sealed record SheetSurvey(string Sheet, string? Kind, int Rows);

/// <summary>
/// What an uploaded file holds, read the way the import reads it but without parsing any value: the inbox shows
/// it beside the file and compares it with the files already there (a second file of one kind may be a correction).
/// </summary>
public static class FileSurvey
{
    public static IReadOnlyList<SheetSurvey> Of(string fileName, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        var file = Path.GetExtension(fileName).Equals(".csv", StringComparison.OrdinalIgnoreCase)
            ? CsvFile.Read(fileName, content, cancellationToken)
            : WorkbookFile.Read(content, cancellationToken);
        var sheets = new List<SheetSurvey>();
        foreach (var sheet in file.Sheets)
        {
            var head = new List<RawRow>();
            var rows = 0;
            foreach (var row in sheet.Rows)
            {
                if (head.Count <= HeaderMatch.SearchRows)
                {
                    head.Add(row);
                }

                rows++;
            }

            if (rows == 0)
            {
                continue;
            }

            var map = HeaderMatch.Find(head).Map;
            sheets.Add(map is null ? new SheetSurvey(sheet.Name, null, rows) : new SheetSurvey(sheet.Name, map.Kind.Name, rows - head.Count(r => r.Number <= map.HeaderRow)));
        }

        return sheets;
    }
}
