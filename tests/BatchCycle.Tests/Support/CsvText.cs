using System.Text;

namespace BatchCycle.Tests.Support;

/// <summary>Reads result CSV files in the tests.</summary>
public static class CsvText
{
    /// <summary>An RFC 4180 reader of its own, so the test does not read the output with the code that wrote it.</summary>
    public static List<string[]> Read(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        return rows;
    }

    /// <summary>The rows of a CSV file as header → value maps.</summary>
    public static List<Dictionary<string, string>> ReadRecords(string path)
    {
        var rows = Read(File.ReadAllText(path, Encoding.UTF8));
        var header = rows[0];
        return [.. rows.Skip(1).Select(r => header.Select((h, i) => (h, v: i < r.Length ? r[i] : "")).ToDictionary(p => p.h, p => p.v, StringComparer.Ordinal))];
    }
}
