using System.Globalization;
using System.Text;

namespace BatchCycle.Certificates;

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
            ReadTable(ref position);
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

    /// <summary>The subsections of one cross-reference table, up to its trailer: the offsets of the objects in use.</summary>
    private void ReadTable(ref int position)
    {
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
                return ReadDictionary(ref position);
            case '<':
                return ReadHexString(ref position);
            case '(':
                return new PdfAtom(ReadLiteralString(ref position));
            case '[':
                return ReadArray(ref position);
            default:
                return ReadNumberOrReference(ref position);
        }
    }

    private PdfDictionary ReadDictionary(ref int position)
    {
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
    }

    private PdfAtom ReadHexString(ref int position)
    {
        var end = Array.IndexOf(data, (byte)'>', position);
        if (end < 0)
        {
            throw new PdfNotSplittableException("an unterminated hexadecimal string");
        }

        var hex = Encoding.Latin1.GetString(data, position, end + 1 - position);
        position = end + 1;
        return new PdfAtom(hex);
    }

    private PdfArray ReadArray(ref int position)
    {
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
    }

    /// <summary>A number, boolean or null, or an integer followed by "G R": a reference.</summary>
    private PdfValue ReadNumberOrReference(ref int position)
    {
        var token = ReadRegular(ref position);
        if (token.Length == 0)
        {
            throw new PdfNotSplittableException($"unexpected '{(char)data[position]}' at {position}");
        }

        return IsInteger(token) && TryReadReferenceTail(ref position, out var generation)
            ? new PdfReference(int.Parse(token, CultureInfo.InvariantCulture), generation)
            : new PdfAtom(token);
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
