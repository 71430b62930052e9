using System.Globalization;

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
