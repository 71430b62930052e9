using System.Diagnostics;
using System.Globalization;
using System.Text;
using BatchCycle.Tests.Support;
using ExcelDataReader;

namespace BatchCycle.Tests.Panel;

/// <summary>
/// Independent readers of a written workbook: ExcelDataReader (a separate xlsx parser) and LibreOffice (the
/// application the panel may open it in). Each gives every sheet as rows of cell texts, trailing blanks removed.
/// </summary>
public static class WorkbookReaders
{
    public static IReadOnlyDictionary<string, List<string[]>> ReadWithExcelDataReader(string path)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var sheets = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        do
        {
            var rows = new List<string[]>();
            while (reader.Read())
            {
                var cells = new string[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.GetValue(i) switch
                    {
                        null => "",
                        double number => number.ToString(CultureInfo.InvariantCulture),
                        var value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
                    };
                }

                rows.Add(cells);
            }

            sheets.Add(reader.Name, Trim(rows));
        }
        while (reader.NextResult());

        return sheets;
    }

    /// <summary>Converts every sheet to CSV with a headless LibreOffice and a profile of its own, then parses the CSVs.</summary>
    public static IReadOnlyDictionary<string, List<string[]>> ReadWithLibreOffice(string path, IEnumerable<string> sheetNames)
    {
        // UTF-8, comma, double quotes, raw values (not as shown), every sheet (-1) to its own file.
        var folder = ConvertWithLibreOffice(path, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1");
        var baseName = Path.GetFileNameWithoutExtension(path);
        return sheetNames.ToDictionary(
            name => name,
            name =>
            {
                var csv = Path.Combine(folder, $"{baseName}-{name}.csv");
                Assert.True(File.Exists(csv), $"LibreOffice wrote no CSV for sheet '{name}'.");
                return Trim(CsvText.Read(File.ReadAllText(csv, Encoding.UTF8)));
            },
            StringComparer.Ordinal);
    }


    /// <summary>Prints the workbook to PDF as LibreOffice would (its page setup, fit and footers); returns the PDF's path.</summary>
    public static string PrintWithLibreOffice(string path)
    {
        var folder = ConvertWithLibreOffice(path, "pdf");
        return Path.Combine(folder, Path.GetFileNameWithoutExtension(path) + ".pdf");
    }

    private static string ConvertWithLibreOffice(string path, string format)
    {
        var folder = Path.Combine(Path.GetDirectoryName(path)!, "libreoffice-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var info = new ProcessStartInfo("soffice")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add($"-env:UserInstallation=file://{Path.Combine(folder, "profile")}");
        info.ArgumentList.Add("--headless");
        info.ArgumentList.Add("--convert-to");
        info.ArgumentList.Add(format);
        info.ArgumentList.Add("--outdir");
        info.ArgumentList.Add(folder);
        info.ArgumentList.Add(path);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("LibreOffice did not convert the workbook within 3 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"LibreOffice failed ({process.ExitCode}): {stdout.Result} {stderr.Result}");
        }

        return folder;
    }

    private static List<string[]> Trim(List<string[]> rows)
    {
        var trimmed = rows.Select(r =>
        {
            var length = r.Length;
            while (length > 0 && r[length - 1].Length == 0)
            {
                length--;
            }

            return r[..length];
        }).ToList();
        while (trimmed.Count > 0 && trimmed[^1].Length == 0)
        {
            trimmed.RemoveAt(trimmed.Count - 1);
        }

        return trimmed;
    }
}
