using System.Text;

namespace BatchCycle.Tests.Support;

/// <summary>A CSV reader of the tests' own, independent of the program's CSV code.</summary>
public static class CsvText
{
    /// <summary>RFC 4180: quoted fields may hold commas, quotes and line breaks.</summary>
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
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
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }

    /// <summary>The rows of a CSV file as header → value maps (a UTF-8 BOM is dropped).</summary>
    public static List<Dictionary<string, string>> ReadRecords(string path)
    {
        var rows = Parse(File.ReadAllText(path, Encoding.UTF8).TrimStart('\uFEFF'));
        var header = rows[0];
        return [.. rows.Skip(1).Select(r => header.Select((h, i) => (h, v: i < r.Length ? r[i] : "")).ToDictionary(p => p.h, p => p.v, StringComparer.Ordinal))];
    }
}
