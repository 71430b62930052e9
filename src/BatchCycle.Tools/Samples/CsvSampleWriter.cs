using System.Text;
using BatchCycle.Files;

namespace BatchCycle.Samples;

/// <summary>The encodings the secretariat receives CSV files in (docs/inputs.md: UTF-8 with or without BOM, GB18030).</summary>
public enum CsvEncoding
{
    Utf8WithBom,
    Utf8WithoutBom,
    Gb18030,
}

/// <summary>Streams one table to a CSV file (RFC 4180, CRLF), one row at a time.</summary>
public static class CsvSampleWriter
{
    public static long Write(string path, CsvEncoding encoding, IReadOnlyList<SampleColumn> columns, SheetStyle style, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        using var writer = new StreamWriter(path, false, EncodingOf(encoding), 1 << 16);
        writer.Write(CsvOutput.Line(columns.Select(c => c.Header(style.Headers)).ToArray()));
        long written = 0;
        var fields = new string?[columns.Count];
        foreach (var row in rows)
        {
            if ((written & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (var c = 0; c < fields.Length; c++)
            {
                fields[c] = style.Text(row[c], (int)(written % int.MaxValue));
            }

            writer.Write(CsvOutput.Line(fields));
            written++;
        }

        return written;
    }

    private static Encoding EncodingOf(CsvEncoding encoding)
    {
        switch (encoding)
        {
            case CsvEncoding.Utf8WithoutBom:
                return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            case CsvEncoding.Gb18030:
                // The mainland authorities' exports; the code page lives outside the default runtime encodings.
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                return Encoding.GetEncoding("GB18030");
            default:
                return new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        }
    }
}
