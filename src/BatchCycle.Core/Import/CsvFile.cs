using System.Text.Unicode;
using System.Text;
using BatchCycle.Messages;
using CsvHelper;

namespace BatchCycle.Import;

/// <summary>
/// Reads a CSV file (RFC 4180) into one sheet named after the file. Its encoding is not declared, so it is
/// found: a byte order mark; else UTF-16 when every other byte is zero; else UTF-8 when the bytes are valid UTF-8; else GB18030 (mainland GBK files) or
/// Big5 (Hong Kong files), whichever makes the header row recognisable, then whichever reads as real Chinese.
/// </summary>
public static class CsvFile
{
    /// <summary>
    /// Frequent characters of Chinese text and of company names and addresses in Guangdong and Hong Kong, in
    /// simplified form (traditional text is folded first). Reading GBK bytes as Big5 or the reverse gives
    /// rare characters instead, so the count of these tells the right decoding.
    /// </summary>
    private const string Frequent =
        "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面" +
        "起看定天分还进好小部其些主样理心本前开但因只从想实日者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应向头文体政" +
        "美相见被利什二等产或新己制身果加西月话合回特代内信表化老给世位次度门任常先海通教原东声提立及比员解水名真论处走义各入几口认条平系气题活更别打女变四" +
        "神总何电数安少报才结反受目太量再感建务做接必场件计管期市直资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象" +
        "完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证" +
        "近失转夫令准布始怎存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研" +
        "写称企八功包片史委查轻易早曾除农找装广显李标谈图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划致陈" +
        "律足态护七兴派验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害双境客纪采举父苏密低朝友诉止细愿千值仍" +
        "厂限塑胶五金印刷染纺环保莞圳州佛惠珠肇港九龙界号楼室镇村街道座栋层路段贸易实业电器材料包装化工机械设备科技";

    private const int ScoredCharacters = 20_000;

    static CsvFile()
    {
        // GB18030 and Big5 are code pages that .NET leaves out by default (see WorkbookFile).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>
    /// The file as one sheet whose rows are read as they are enumerated: a CSV file of hundreds of megabytes is
    /// never held as one text or as all its rows at once, only its bytes.
    /// </summary>
    public static RawFile Read(string fileName, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (encoding, start) = Detect(content, cancellationToken);
        return Sheet(fileName, () => new MemoryStream(content, writable: false), start, encoding, cancellationToken);
    }

    /// <summary>
    /// The file as one sheet read from where it lies, each time from <paramref name="open"/>: once to find its
    /// encoding, then as its rows are enumerated. Its bytes are never held, as the other form's are (a 180 MB file of
    /// options was that much of the import's peak memory). A file not in UTF-8 or UTF-16 is read whole, as the Chinese
    /// code pages are told apart by decoding it.
    /// </summary>
    public static RawFile Read(string fileName, Func<Stream> open, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (DetectUnicode(open) is { } unicode)
        {
            return Sheet(fileName, open, unicode.Start, unicode.Encoding, cancellationToken);
        }

        byte[] content;
        using (var stream = open())
        using (var whole = new MemoryStream())
        {
            stream.CopyTo(whole);
            content = whole.ToArray();
        }

        return Sheet(fileName, () => new MemoryStream(content, writable: false), 0, CodePage(content, cancellationToken), cancellationToken);
    }

    /// <summary>The file's one sheet, whose rows are read from <paramref name="open"/> from <paramref name="start"/> on.</summary>
    private static RawFile Sheet(string fileName, Func<Stream> open, int start, Encoding encoding, CancellationToken cancellationToken)
    {
        var failure = new ReadFailure();
        return new RawFile([new RawSheet(fileName, Rows(open, start, encoding, failure, cancellationToken), failure)], null);
    }

    /// <summary>The encoding a file is read in.</summary>
    public static Encoding DetectEncoding(byte[] content, CancellationToken cancellationToken) =>
        Detect(content, cancellationToken).Encoding;

    /// <summary>The encoding a file is read in, and where its text starts (after a byte order mark).</summary>
    private static (Encoding Encoding, int Start) Detect(byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        return DetectUnicode(() => new MemoryStream(content, writable: false)) ?? (CodePage(content, cancellationToken), 0);
    }

    /// <summary>
    /// Not UTF-8: one of the Chinese code pages, whichever makes the header row recognisable, then whichever reads as
    /// real Chinese. Only these files are decoded whole, once per code page, to be compared.
    /// </summary>
    private static Encoding CodePage(byte[] content, CancellationToken cancellationToken) =>
        new[] { Encoding.GetEncoding("GB18030"), Encoding.GetEncoding(950) }
            .Select(encoding => (Encoding: encoding, Text: encoding.GetString(content)))
            .OrderByDescending(c => HeaderMatch.Find(Head(c.Text, cancellationToken)).Map is not null)
            .ThenBy(c => c.Text.Count(ch => ch == '\uFFFD'))
            .ThenByDescending(c => FrequentScore(c.Text))
            .First().Encoding;

    /// <summary>
    /// UTF-16 saved without a byte order mark: the commas, digits and line breaks of a CSV file make every other
    /// byte zero, on the odd positions for little-endian, the even ones for big-endian. Valid UTF-8 and the
    /// Chinese code pages never hold zero bytes in text, so this cannot mistake them.
    /// </summary>
    private static Encoding? Utf16WithoutMark(ReadOnlySpan<byte> content)
    {
        var sample = Math.Min(content.Length, 4096) & ~1;
        if (sample < 4)
        {
            return null;
        }

        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample; i += 2)
        {
            evenZeros += content[i] == 0 ? 1 : 0;
            oddZeros += content[i + 1] == 0 ? 1 : 0;
        }

        var pairs = sample / 2;
        return (oddZeros * 10 >= pairs && evenZeros == 0) ? Encoding.Unicode
            : (evenZeros * 10 >= pairs && oddZeros == 0) ? Encoding.BigEndianUnicode
            : null;
    }

    /// <summary>The encoding of a file in UTF-8 or UTF-16 and where its text starts, or null for any other, read in blocks.</summary>
    private static (Encoding Encoding, int Start)? DetectUnicode(Func<Stream> open)
    {
        using var stream = open();
        var bytes = new byte[1 << 20];
        var length = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        var head = bytes.AsSpan(0, length);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Encoding.UTF8, 3);
        }

        if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            return (head[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode, 2);
        }

        if (Utf16WithoutMark(head) is { } unmarked)
        {
            return (unmarked, 0);
        }

        // Valid UTF-8 throughout, a block at a time: a character cut at a block's end is carried to the next block.
        var chars = new char[bytes.Length];
        while (true)
        {
            var final = length < bytes.Length;
            var status = Utf8.ToUtf16(bytes.AsSpan(0, length), chars, out var used, out _, replaceInvalidSequences: false, isFinalBlock: final);
            if (status == System.Buffers.OperationStatus.InvalidData)
            {
                return null;
            }

            if (final)
            {
                return (Encoding.UTF8, 0);
            }

            var carried = length - used;
            bytes.AsSpan(used, carried).CopyTo(bytes);
            length = carried + stream.ReadAtLeast(bytes.AsSpan(carried), bytes.Length - carried, throwOnEndOfStream: false);
        }
    }

    private static int FrequentScore(string text)
    {
        var score = 0;
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, ScoredCharacters)))
        {
            if (c > 0x2E80 && Frequent.Contains(TextFolding.ToSimplified(c.ToString()), StringComparison.Ordinal))
            {
                score++;
            }
        }

        return score;
    }

    /// <summary>The first rows of a text, enough to look for its header row.</summary>
    private static List<RawRow> Head(string text, CancellationToken cancellationToken)
    {
        using var reader = CsvReader.FromText(text, Options);
        return [.. Records(reader, new ReadFailure(), cancellationToken).Take(HeaderMatch.SearchRows + 1)];
    }

    private static IEnumerable<RawRow> Rows(Func<Stream> open, int start, Encoding encoding, ReadFailure failure, CancellationToken cancellationToken)
    {
        var stream = open();
        stream.Seek(start, SeekOrigin.Begin);
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: false);
        using var reader = CsvReader.Create(text, Options, leaveOpen: false);
        foreach (var row in Records(reader, failure, cancellationToken))
        {
            yield return row;
        }
    }

    private static CsvReaderOptions Options { get; } = CsvReaderOptions.Default with
    {
        HasHeader = false,
        SkipEmptyLines = false,
        Separator = ',',
        DetectSeparatorHint = false,
        // The same codes, dates and names repeat on millions of rows; one copy of each keeps the records small.
        PoolStrings = true,
    };

    /// <summary>The records as rows numbered as a spreadsheet shows the file (one row per record), blank ones passed over.</summary>
    private static IEnumerable<RawRow> Records(CsvReader reader, ReadFailure failure, CancellationToken cancellationToken)
    {
        var number = 0;
        while (true)
        {
            try
            {
                if (!reader.Read())
                {
                    yield break;
                }
            }
            catch (CsvFormatException ex)
            {
                failure.Stop(number + 1, Message.Of("Import.CsvStopped", ex.Message.Split('\n')[0].Trim()));
                yield break;
            }

            number++;
            if (number % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            object?[]? cells = null;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.GetString(i);
                if (!string.IsNullOrWhiteSpace(value))
                {
                    cells ??= new object?[reader.FieldCount];
                    cells[i] = value;
                }
            }

            if (cells is not null)
            {
                yield return new RawRow(number, cells);
            }
        }
    }
}
