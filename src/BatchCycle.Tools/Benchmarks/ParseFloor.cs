using System.Diagnostics;
using System.Text;
using CsvHelper;
using ExcelDataReader;

namespace BatchCycle.Benchmarks;

/// <summary>
/// The least any import of a cycle's files can cost: the same libraries the importer uses (CsvHelper for CSV,
/// ExcelDataReader for workbooks) visit every cell of every file and keep nothing. A whole run is measured against
/// it, so the ratio says how much the pipeline adds on top of merely reading its input.
/// </summary>
public static class ParseFloor
{
    public sealed record Result(double Seconds, long Cells);

    public static Result Measure(string folder, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long cells = 0;
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var content = File.ReadAllBytes(file);
            cells += Path.GetExtension(file).ToLowerInvariant() switch
            {
                ".csv" => CsvCells(content),
                ".xlsx" or ".xls" => WorkbookCells(content),
                _ => 0,
            };
        }

        return new Result(clock.Elapsed.TotalSeconds, cells);
    }

    private static long CsvCells(byte[] content)
    {
        var options = CsvReaderOptions.Default with
        {
            HasHeader = false,
            SkipEmptyLines = false,
            Separator = ',',
            DetectSeparatorHint = false,
        };
        using var reader = CsvReader.FromText(Decode(content), options);
        long cells = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                // The length is kept so the visit cannot be optimised away; the text itself is not.
                cells += reader.GetSpan(i).IsEmpty ? 0 : 1;
            }
        }

        return cells;
    }

    /// <summary>
    /// The text of the file as the importer decodes it in the usual cases (byte order mark, valid UTF-8, else
    /// GB18030), without its guessing between Chinese code pages, which is part of the import's work.
    /// </summary>
    private static string Decode(byte[] content)
    {
        if (content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(content, 3, content.Length - 3);
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(content);
        }
    }

    private static long WorkbookCells(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        long cells = 0;
        do
        {
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    cells += reader.GetValue(i) is null ? 0 : 1;
                }
            }
        }
        while (reader.NextResult());
        return cells;
    }
}
