using System.Buffers;
using System.Globalization;
using System.Text;

namespace BatchCycle.Certificates;

/// <summary>A PDF value (ISO 32000-1, 7.3) as far as copying objects between files needs one.</summary>
internal abstract record PdfValue;

/// <summary>A name without its slash, its bytes as written (any #xx escapes kept).</summary>
internal sealed record PdfName(string Raw) : PdfValue;

/// <summary>A reference to an indirect object.</summary>
internal sealed record PdfReference(int Number, int Generation) : PdfValue;

/// <summary>A number, boolean, null or string, copied as written: nothing here needs its meaning.</summary>
internal sealed record PdfAtom(string Raw) : PdfValue
{
    public int? AsInteger => int.TryParse(Raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}

internal sealed record PdfArray(IReadOnlyList<PdfValue> Items) : PdfValue;

/// <summary>A dictionary; the entries keep their order so that a copied object reads as the original.</summary>
internal sealed record PdfDictionary(IReadOnlyList<KeyValuePair<string, PdfValue>> Entries) : PdfValue
{
    public PdfValue? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;

    public bool IsType(string type) => this["Type"] is PdfName name && name.Raw == type;
}

/// <summary>An indirect object: its value and, for a stream, the stream's bytes exactly as stored (still encoded).</summary>
internal sealed record PdfObject(PdfValue Value, byte[]? Stream);

/// <summary>A PDF that cannot be taken apart faithfully; the caller falls back to work that needs no splitting.</summary>
internal sealed class PdfNotSplittableException(string message) : Exception(message);

/// <summary>
/// Reads the classic file structure of ISO 32000-1, 7.5: objects found through a cross-reference table and trailer.
/// Cross-reference streams, object streams and encryption (PDF 1.5 and later) are refused, not misread.
/// </summary>
internal sealed class PdfSyntaxReader
{
    private readonly byte[] data;
    private readonly Dictionary<int, long> offsets = [];
    private readonly Dictionary<int, PdfObject> objects = [];

    public PdfSyntaxReader(byte[] data)
    {
        this.data = data;
        Trailer = ReadCrossReferences();
    }

    public PdfDictionary Trailer { get; }

    public PdfObject Object(int number)
    {
        if (objects.TryGetValue(number, out var cached))
        {
            return cached;
        }

        if (!offsets.TryGetValue(number, out var offset))
        {
            throw new PdfNotSplittableException($"object {number} is not in the cross-reference table");
        }

        var position = (int)offset;
        if (ReadInteger(ref position) != number)
        {
            throw new PdfNotSplittableException($"object {number} is not at its offset");
        }

        ReadInteger(ref position);
        Expect(ref position, "obj");
        var value = ReadValue(ref position);
        byte[]? stream = null;
        SkipWhitespace(ref position);
        if (At(position, "stream"))
        {
            position += "stream".Length;
            // The keyword ends with CRLF or LF, never CR alone (7.3.8.1).
            position += At(position, "\r\n") ? 2 : At(position, "\n") ? 1 : throw new PdfNotSplittableException($"object {number}: no line end after 'stream'");
            var length = value is PdfDictionary dictionary ? Resolve(dictionary["Length"]) as PdfAtom : null;
            if (length?.AsInteger is not { } count || count < 0 || position + count > data.Length)
            {
                throw new PdfNotSplittableException($"object {number}: stream without a usable /Length");
            }

            stream = data[position..(position + count)];
            position += count;
            SkipWhitespace(ref position);
            Expect(ref position, "endstream");
        }

        var parsed = new PdfObject(value, stream);
        objects[number] = parsed;
        return parsed;
    }

    /// <summary>The value itself, or the value of the object a reference names.</summary>
    public PdfValue? Resolve(PdfValue? value) => value is PdfReference reference ? Object(reference.Number).Value : value;

    private PdfDictionary ReadCrossReferences()
    {
        var tail = Encoding.Latin1.GetString(data, Math.Max(0, data.Length - 1024), Math.Min(1024, data.Length));
        var at = tail.LastIndexOf("startxref", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new PdfNotSplittableException("no startxref");
        }

        var position = data.Length - Math.Min(1024, data.Length) + at + "startxref".Length;
        var section = ReadInteger(ref position);
        PdfDictionary? newest = null;
        var visited = new HashSet<int>();
        while (visited.Add(section))
        {
            position = section;
            if (!At(position, "xref"))
            {
                throw new PdfNotSplittableException("the cross-reference data is a stream (PDF 1.5), not a table");
            }

            position += "xref".Length;
            SkipWhitespace(ref position);
            while (!At(position, "trailer"))
            {
                var first = ReadInteger(ref position);
                var count = ReadInteger(ref position);
                for (var i = 0; i < count; i++)
                {
                    var offset = ReadInteger(ref position);
                    ReadInteger(ref position);
                    SkipWhitespace(ref position);
                    var kind = position < data.Length ? (char)data[position++] : throw new PdfNotSplittableException("the cross-reference table is cut short");
                    // A later section (read first) overrides an earlier one for the same object.
                    if (kind == 'n' && !offsets.ContainsKey(first + i))
                    {
                        offsets[first + i] = offset;
                    }
                }

                SkipWhitespace(ref position);
            }

            position += "trailer".Length;
            var trailer = ReadValue(ref position) as PdfDictionary ?? throw new PdfNotSplittableException("the trailer is not a dictionary");
            if (trailer["Encrypt"] is not null || trailer["XRefStm"] is not null)
            {
                throw new PdfNotSplittableException("the file is encrypted or has a cross-reference stream");
            }

            newest ??= trailer;
            if ((trailer["Prev"] as PdfAtom)?.AsInteger is not { } previous)
            {
                break;
            }

            section = previous;
        }

        return newest ?? throw new PdfNotSplittableException("no trailer");
    }

    private PdfValue ReadValue(ref int position)
    {
        SkipWhitespace(ref position);
        if (position >= data.Length)
        {
            throw new PdfNotSplittableException("the file ends inside an object");
        }

        switch ((char)data[position])
        {
            case '/':
                position++;
                return new PdfName(ReadRegular(ref position));
            case '<' when At(position, "<<"):
                position += 2;
                var entries = new List<KeyValuePair<string, PdfValue>>();
                while (true)
                {
                    SkipWhitespace(ref position);
                    if (At(position, ">>"))
                    {
                        position += 2;
                        return new PdfDictionary(entries);
                    }

                    if (ReadValue(ref position) is not PdfName key)
                    {
                        throw new PdfNotSplittableException($"a dictionary key at {position} is not a name");
                    }

                    entries.Add(new(key.Raw, ReadValue(ref position)));
                }

            case '<':
                var end = Array.IndexOf(data, (byte)'>', position);
                if (end < 0)
                {
                    throw new PdfNotSplittableException("an unterminated hexadecimal string");
                }

                var hex = Encoding.Latin1.GetString(data, position, end + 1 - position);
                position = end + 1;
                return new PdfAtom(hex);
            case '(':
                return new PdfAtom(ReadLiteralString(ref position));
            case '[':
                position++;
                var items = new List<PdfValue>();
                while (true)
                {
                    SkipWhitespace(ref position);
                    if (At(position, "]"))
                    {
                        position++;
                        return new PdfArray(items);
                    }

                    items.Add(ReadValue(ref position));
                }

            default:
                var token = ReadRegular(ref position);
                if (token.Length == 0)
                {
                    throw new PdfNotSplittableException($"unexpected '{(char)data[position]}' at {position}");
                }

                return IsInteger(token) && TryReadReferenceTail(ref position, out var generation)
                    ? new PdfReference(int.Parse(token, CultureInfo.InvariantCulture), generation)
                    : new PdfAtom(token);
        }
    }

    /// <summary>After an integer, "G R" makes it a reference; anything else is left unread for the next value.</summary>
    private bool TryReadReferenceTail(ref int position, out int generation)
    {
        generation = 0;
        var look = position;
        SkipWhitespace(ref look);
        var second = ReadRegular(ref look);
        if (!IsInteger(second))
        {
            return false;
        }

        SkipWhitespace(ref look);
        if (ReadRegular(ref look) != "R")
        {
            return false;
        }

        generation = int.Parse(second, CultureInfo.InvariantCulture);
        position = look;
        return true;
    }

    /// <summary>A literal string with balanced parentheses and backslash escapes (7.3.4.2), kept as written.</summary>
    private string ReadLiteralString(ref int position)
    {
        var start = position;
        var depth = 0;
        for (; position < data.Length; position++)
        {
            switch ((char)data[position])
            {
                case '\\':
                    position++;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    if (depth == 0)
                    {
                        position++;
                        return Encoding.Latin1.GetString(data, start, position - start);
                    }

                    break;
            }
        }

        throw new PdfNotSplittableException("an unterminated string");
    }

    private int ReadInteger(ref int position)
    {
        SkipWhitespace(ref position);
        var token = ReadRegular(ref position);
        return IsInteger(token) && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new PdfNotSplittableException($"expected a number at {position}, found '{token}'");
    }

    private void Expect(ref int position, string keyword)
    {
        SkipWhitespace(ref position);
        if (ReadRegular(ref position) != keyword)
        {
            throw new PdfNotSplittableException($"expected '{keyword}' at {position}");
        }
    }

    private string ReadRegular(ref int position)
    {
        var start = position;
        while (position < data.Length && !IsWhitespace(data[position]) && !IsDelimiter(data[position]))
        {
            position++;
        }

        return Encoding.Latin1.GetString(data, start, position - start);
    }

    /// <summary>Skips white space and comments.</summary>
    private void SkipWhitespace(ref int position)
    {
        while (position < data.Length)
        {
            if (IsWhitespace(data[position]))
            {
                position++;
            }
            else if (data[position] == '%')
            {
                while (position < data.Length && data[position] is not (byte)'\n' and not (byte)'\r')
                {
                    position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private bool At(int position, string text)
    {
        if (position < 0 || position + text.Length > data.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (data[position + i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsInteger(string token) => token.Length > 0 && token.All(char.IsAsciiDigit);

    private static bool IsWhitespace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';
}

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
