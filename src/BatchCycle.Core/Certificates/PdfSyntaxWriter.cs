using System.Buffers;
using System.Globalization;
using System.Text;

namespace BatchCycle.Certificates;

/// <summary>Writes a new PDF 1.4 file: numbered objects, a cross-reference table and a trailer (7.5).</summary>
/// <remarks>
/// Text goes out byte for byte (every string here was read as Latin-1), without a string per token: a part of a
/// certificate batch has tens of thousands of them (widths and glyph names of the fonts), and each is written again
/// for every certificate.
/// </remarks>
internal sealed class PdfSyntaxWriter
{
    private readonly ArrayBufferWriter<byte> output = new(256 * 1024);
    private readonly SortedDictionary<int, long> offsets = [];

    public PdfSyntaxWriter()
    {
        // The comment of bytes above 127 tells transfer programs that the file is binary (7.5.2).
        Write("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
    }

    public void WriteObject(int number, PdfValue value, byte[]? stream)
    {
        offsets[number] = output.WrittenCount;
        Write(number);
        Write(" 0 obj\n");
        if (stream is null)
        {
            WriteValue(value);
        }
        else
        {
            // The length is written directly: a /Length that referred to another object is not carried over.
            var dictionary = value as PdfDictionary ?? throw new ArgumentException("A stream's value must be a dictionary.", nameof(value));
            WriteValue(new PdfDictionary([.. dictionary.Entries.Where(e => e.Key != "Length"), new("Length", new PdfAtom(stream.Length.ToString(CultureInfo.InvariantCulture)))]));
            Write(" stream\n");
            output.Write(stream);
            Write("\nendstream");
        }

        Write("\nendobj\n");
    }

    public byte[] Finish(int root, int? info)
    {
        var size = offsets.Keys.Max() + 1;
        if (offsets.Count != size - 1)
        {
            throw new InvalidOperationException("Objects must be numbered 1 to n without gaps.");
        }

        var table = output.WrittenCount;
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {size}\n0000000000 65535 f \n"));
        foreach (var offset in offsets.Values)
        {
            text.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        text.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {size} /Root {root} 0 R");
        if (info is { } infoNumber)
        {
            text.Append(CultureInfo.InvariantCulture, $" /Info {infoNumber} 0 R");
        }

        text.Append(CultureInfo.InvariantCulture, $">>\nstartxref\n{table}\n%%EOF\n");
        Write(text.ToString());
        return output.WrittenSpan.ToArray();
    }

    private void WriteValue(PdfValue value)
    {
        switch (value)
        {
            case PdfName name:
                Write("/");
                Write(name.Raw);
                break;
            case PdfReference reference:
                Write(reference.Number);
                Write(" ");
                Write(reference.Generation);
                Write(" R");
                break;
            case PdfAtom atom:
                Write(atom.Raw);
                break;
            case PdfArray array:
                Write("[");
                for (var i = 0; i < array.Items.Count; i++)
                {
                    Write(i == 0 ? "" : " ");
                    WriteValue(array.Items[i]);
                }

                Write("]");
                break;
            case PdfDictionary dictionary:
                Write("<<");
                foreach (var (key, entry) in dictionary.Entries)
                {
                    Write("/");
                    Write(key);
                    Write(" ");
                    WriteValue(entry);
                    Write("\n");
                }

                Write(">>");
                break;
            default:
                throw new ArgumentException($"Unknown PDF value {value.GetType().Name}.", nameof(value));
        }
    }

    private void Write(string text)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }

    private void Write(int number)
    {
        var span = output.GetSpan(11);
        number.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }
}
