using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace BatchCycle.Dashboard.Uploads;

/// <summary>
/// Checks that an uploaded file is what its name says by its first bytes and content, not its extension alone:
/// a program or an archive renamed .csv or .xls is refused before it is stored, so the inbox holds only what the
/// import can read and nothing else can hide there.
/// </summary>
public static class UploadContent
{
    /// <summary>Every zip archive, and so every .xlsx, starts with a local file header.</summary>
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>An .xls (Excel 97-2003) is an OLE compound file.</summary>
    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    static UploadContent()
    {
        // GB18030 and Big5 are code pages that .NET leaves out by default.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>The problem with the content of a file of that extension, in Chinese and English, or null.</summary>
    public static string? Problem(IFormFile file, string extension)
    {
        var head = Head(file, OleSignature.Length);
        return extension switch
        {
            ".xlsx" when !head.StartsWith(ZipSignature) => "The file is not a valid .xlsx workbook: its content is not one. 这不是有效的 .xlsx 工作簿。",
            ".xls" when head.StartsWith(ZipSignature) => "The file is an .xlsx workbook named .xls: name it .xlsx. 此文件实为 .xlsx 工作簿，请改用 .xlsx 扩展名。",
            ".xls" when !head.StartsWith(OleSignature) => "The file is not a valid .xls workbook (Excel 97-2003). 这不是有效的 .xls 工作簿（Excel 97-2003）。",
            ".csv" when !IsText(file) => "The file is not text in UTF-8, UTF-16, GB18030 or Big5, so it is not a .csv file. 此文件不是 UTF-8、UTF-16、GB18030 或 Big5 文本，不是 .csv 文件。",
            _ => null,
        };
    }

    private static ReadOnlySpan<byte> Head(IFormFile file, int count)
    {
        var buffer = new byte[count];
        using var stream = file.OpenReadStream();
        var read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return buffer.AsSpan(0, read);
    }

    /// <summary>
    /// Text in one of the encodings the import reads (see CsvFile): with a byte order mark, UTF-8 or UTF-16;
    /// without one, valid UTF-8, GB18030 or Big5. Text has no NUL characters, which every binary format has.
    /// </summary>
    private static bool IsText(IFormFile file)
    {
        using var buffer = new MemoryStream();
        using (var stream = file.OpenReadStream())
        {
            stream.CopyTo(buffer);
        }

        var content = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (content.StartsWith(Encoding.UTF8.Preamble))
        {
            return Decodes(new UTF8Encoding(false, true), content[3..]);
        }

        if (content.StartsWith(Encoding.Unicode.Preamble) || content.StartsWith(Encoding.BigEndianUnicode.Preamble))
        {
            return Decodes(new UnicodeEncoding(bigEndian: content[0] == 0xFE, byteOrderMark: false, throwOnInvalidBytes: true), content[2..]);
        }

        if (content.Contains((byte)0))
        {
            return false;
        }

        return Utf8.IsValid(content)
            || Decodes(Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), content)
            || Decodes(Encoding.GetEncoding(950, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), content);
    }

    private static bool Decodes(Encoding strict, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return !strict.GetString(bytes).Contains('\0', StringComparison.Ordinal);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
