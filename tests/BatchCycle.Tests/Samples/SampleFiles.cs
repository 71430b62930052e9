using System.Globalization;
using System.Text;
using BatchCycle.Tests.Support;
using ExcelDataReader;

namespace BatchCycle.Tests.Samples;

/// <summary>One sheet (or CSV file) as an independent reader sees it: header and rows of text.</summary>
public sealed record SampleTable(string File, string Sheet, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public int Column(string header) => Header.ToList().IndexOf(header) is var i && i >= 0 ? i : throw new KeyNotFoundException($"{File} [{Sheet}] has no column '{header}'.");
}

/// <summary>
/// Reads generated files without the project's own code: ExcelDataReader for workbooks, a plain RFC 4180 parse
/// for CSV (UTF-8 when it has a BOM or decodes strictly, GB18030 otherwise).
/// </summary>
public static class SampleFiles
{
    static SampleFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IReadOnlyList<SampleTable> ReadFolder(string folder) =>
        [.. Directory.GetFiles(folder).Order(StringComparer.Ordinal).SelectMany(Read)];

    public static IReadOnlyList<SampleTable> Read(string path) =>
        path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadWorkbook(path) : [ReadCsv(path)];

    private static List<SampleTable> ReadWorkbook(string path)
    {
        var tables = new List<SampleTable>();
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        do
        {
            var rows = new List<IReadOnlyList<string>>();
            while (reader.Read())
            {
                var row = new string[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.GetValue(i) switch
                    {
                        null => "",
                        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        double number => number.ToString(CultureInfo.InvariantCulture),
                        var value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
                    };
                }

                rows.Add(row);
            }

            tables.Add(new SampleTable(Path.GetFileName(path), reader.Name, rows[0], rows.Skip(1).ToList()));
        }
        while (reader.NextResult());

        return tables;
    }

    private static SampleTable ReadCsv(string path)
    {
        var bytes = File.ReadAllBytes(path);
        string text;
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }
        else
        {
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                text = Encoding.GetEncoding("GB18030").GetString(bytes);
            }
        }

        var rows = CsvText.Read(text);
        return new SampleTable(Path.GetFileName(path), Path.GetFileName(path), rows[0], rows.Skip(1).ToList());
    }
}
