using System.Globalization;
using System.IO.Compression;
using System.Text;
using BatchCycle.Import;

namespace BatchCycle.Tests.Reliability;

/// <summary>
/// Hostile packages made byte by byte, for what the Open XML SDK would refuse to write: hand-made parts, repacked
/// and damaged packages, lying sizes and a zip bomb.
/// </summary>
public static class HostilePackages
{
    /// <summary>Unpacked size of the zip bomb's sheet: above the importer's limit, made of spaces that compress to under 1 MB.</summary>
    public const long BombBytes = 600L * 1024 * 1024;

    public static string SheetXml(string cells, bool wrapRow = true) =>
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        + (wrapRow ? $"<row r=\"1\">{cells}</row>" : cells)
        + "</sheetData></worksheet>";

    public static string BillionLaughs()
    {
        var entities = new StringBuilder("<!DOCTYPE worksheet [<!ENTITY lol0 \"lol\">");
        for (var i = 1; i < 10; i++)
        {
            entities.Append(CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        }

        return "<?xml version=\"1.0\"?>" + entities + "]>" + SheetXml("<c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c>");
    }

    /// <summary>A hand-made package, for parts the Open XML SDK would refuse to write.</summary>
    public static byte[] RawXlsx(string sheetXml, IReadOnlyList<string>? sharedStrings = null, string sheetName = "Sheet1")
    {
        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var parts = new List<(string, string)>
        {
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"),
            ("_rels/.rels", $"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{Rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Rel}\"><sheets><sheet name=\"{sheetName}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", $"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{Rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"{Rel}/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId3\" Type=\"{Rel}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"),
            ("xl/styles.xml", $"<styleSheet xmlns=\"{Main}\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>"),
            ("xl/worksheets/sheet1.xml", sheetXml),
        };
        if (sharedStrings is not null)
        {
            parts.Add(("xl/sharedStrings.xml", $"<sst xmlns=\"{Main}\" count=\"{sharedStrings.Count}\">" + string.Concat(sharedStrings.Select(s => $"<si><t>{s}</t></si>")) + "</sst>"));
        }

        return Zip([.. parts]);
    }

    public static byte[] Zip(params (string Name, string Content)[] parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in parts)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return stream.ToArray();
    }

    /// <summary>The package with each part's content transformed; a null content leaves the part out.</summary>
    public static byte[] Repack(byte[] package, Func<string, byte[], byte[]?> transform)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var content = new MemoryStream();
                using (var stream = entry.Open())
                {
                    stream.CopyTo(content);
                }

                if (transform(entry.FullName, content.ToArray()) is { } changed)
                {
                    using var written = target.CreateEntry(entry.FullName).Open();
                    written.Write(changed);
                }
            }
        }

        return output.ToArray();
    }

    /// <summary>Flips bytes in the middle of the compressed data of the worksheet part.</summary>
    public static byte[] FlipInSheetData(byte[] package)
    {
        var bytes = (byte[])package.Clone();
        var (offset, length) = CompressedData(bytes, "worksheets/");
        for (var i = offset + (length / 3); i < offset + (2 * length / 3); i += 3)
        {
            bytes[i] ^= 0x5A;
        }

        return bytes;
    }

    /// <summary>Where the compressed data of the first part whose name contains the text lies, from its local header.</summary>
    private static (int Offset, int Length) CompressedData(byte[] zip, string nameContains)
    {
        for (var i = 0; i + 30 < zip.Length; i++)
        {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4)
            {
                var compressed = BitConverter.ToInt32(zip, i + 18);
                var nameLength = BitConverter.ToUInt16(zip, i + 26);
                var extraLength = BitConverter.ToUInt16(zip, i + 28);
                var name = Encoding.UTF8.GetString(zip, i + 30, nameLength);
                if (name.Contains(nameContains, StringComparison.Ordinal))
                {
                    return (i + 30 + nameLength + extraLength, compressed);
                }
            }
        }

        throw new InvalidOperationException($"No part named like {nameContains} in the package.");
    }

    /// <summary>
    /// The package with every part's unpacked size, in the local headers and the central directory, replaced
    /// by a lie: a reader that trusted the declared sizes would not see the bomb.
    /// </summary>
    public static byte[] DeclareSizes(byte[] zip, int declared)
    {
        var bytes = (byte[])zip.Clone();
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            if (bytes[i] != 'P' || bytes[i + 1] != 'K')
            {
                continue;
            }

            if (bytes[i + 2] == 3 && bytes[i + 3] == 4)
            {
                BitConverter.GetBytes(declared).CopyTo(bytes, i + 22);
            }
            else if (bytes[i + 2] == 1 && bytes[i + 3] == 2)
            {
                BitConverter.GetBytes(declared).CopyTo(bytes, i + 24);
            }
        }

        return bytes;
    }

    /// <summary>
    /// A workbook whose sheet unpacks to <see cref="BombBytes"/> of spaces, compressed to well under 1 MB. It is
    /// written chunk by chunk so the test never holds the unpacked sheet; the package itself is small.
    /// </summary>
    public static byte[] MakeBomb()
    {
        var header = HostileFiles.GoodXlsx("BOMB");
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(header), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var written = target.CreateEntry(entry.FullName, CompressionLevel.SmallestSize).Open();
                using var content = entry.Open();
                if (!entry.FullName.Contains("worksheets/", StringComparison.Ordinal))
                {
                    content.CopyTo(written);
                    continue;
                }

                // What follows the spaces does not matter: the package must be refused before any XML is parsed.
                var spaces = new byte[1024 * 1024];
                Array.Fill(spaces, (byte)' ');
                for (long done = 0; done < BombBytes; done += spaces.Length)
                {
                    written.Write(spaces);
                }

                content.CopyTo(written);
            }
        }

        return output.ToArray();
    }

    public static void WriteManyParts(string path)
    {
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        for (var i = 0; i <= WorkbookFile.MaxParts; i++)
        {
            zip.CreateEntry($"xl/media/image{i}.png", CompressionLevel.NoCompression);
        }
    }
}
