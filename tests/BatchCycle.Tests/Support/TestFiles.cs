using System.Globalization;
using System.Text;
using BatchCycle.Import;

namespace BatchCycle.Tests.Support;

/// <summary>Small input files for import tests: CSV text, traditional Chinese headers, and reading through <see cref="CycleImport"/>.</summary>
public static class TestFiles
{
    private static readonly Lazy<Dictionary<char, char>> TraditionalOf = new(BuildTraditional);

    /// <summary>RFC 4180 CSV of the rows; dates are written day first, as Hong Kong writes them.</summary>
    public static string Csv(IEnumerable<object?[]> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(string.Join(",", row.Select(Field))).Append("\r\n");
        }

        return text.ToString();
    }

    public static byte[] Utf8Csv(IEnumerable<object?[]> rows) => Encoding.UTF8.GetBytes(Csv(rows));

    /// <summary>The text with each simplified character written in a traditional form (the way Hong Kong writes headers).</summary>
    public static string Traditional(string simplified) =>
        new([.. simplified.Select(c => TraditionalOf.Value.GetValueOrDefault(c, c))]);

    /// <summary>Reads the files in the given order, as the import stage does.</summary>
    public static CycleImport Import(params (string Name, byte[] Content)[] files)
    {
        var import = new CycleImport();
        foreach (var (name, content) in files)
        {
            import.ReadFile(name, content, new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None);
        }

        return import;
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            DateTime date => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static Dictionary<char, char> BuildTraditional()
    {
        var map = new Dictionary<char, char>();
        for (var c = '\u4E00'; c <= '\u9FFF'; c++)
        {
            var simple = TextFolding.ToSimplified(c.ToString());
            if (simple.Length == 1 && simple[0] != c)
            {
                map.TryAdd(simple[0], c);
            }
        }

        return map;
    }
}
