using System.Diagnostics;
using System.Globalization;
using System.Text;
using BatchCycle.Import;
using BatchCycle.Tests.Support;
using Xunit.Abstractions;

namespace BatchCycle.Tests.Reliability;

/// <summary>
/// Random mutations of valid CSV and .xlsx files, read through the import's file entry point in this process:
/// whatever the bytes, every failure must come back as an issue, never as an exception. The seed is fixed so a
/// failure reproduces; set BATCHCYCLE_FUZZ_SEED to explore other sequences.
/// </summary>
public sealed class ImportFuzzTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20_251_121;
    private const int MaxIterations = 1_500;
    private static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(20);

    /// <summary>Bytes that mean something to a CSV reader, an XML parser or a value parser.</summary>
    private static readonly string[] Tokens =
    [
        "\"", ",", "\r\n", "\n", "\r", "\0", "\uFEFF", "\uFFFD", "=", "'", "\\", "<", ">", "&", "&#0;", "&lol;", "]]>", "<![CDATA[",
        "-1", "0", "1e308", "-1e308", "NaN", "Infinity", "2958466", "99999999999999999999", "9999-12-31", "0000-00-00", "31/02/2025",
        "<c r=\"ZZZZ99999999\" t=\"s\"><v>-1</v></c>", "<c r=\"A0\"><v>1</v></c>", " t=\"e\"", " t=\"s\"", " t=\"b\"", " s=\"99999\"",
        "<v>1e999</v>", "<row r=\"0\">", "<row r=\"-5\">", "<row r=\"1048577\">", "<f>SUM(A1:A2)</f>", "<mergeCell ref=\"A1:XFD1048576\"/>",
        "申请编号", "標誌類別", "\uD800", "\uDFFF", "🏭",
    ];

    [Fact]
    public void Mutated_csv_and_xlsx_files_become_issues_never_exceptions()
    {
        var seed = Environment.GetEnvironmentVariable("BATCHCYCLE_FUZZ_SEED") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : DefaultSeed;
        var samples = Samples();
        var random = new Random(seed);
        var watch = Stopwatch.StartNew();
        var iteration = 0;
        var issues = 0;
        for (; iteration < MaxIterations && watch.Elapsed < MaxTime; iteration++)
        {
            var (name, original) = samples[random.Next(samples.Count)];
            var (mutation, content) = Mutate(name, original, random);
            try
            {
                var import = new CycleImport();
                import.ReadFile(name, content, new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None);
                _ = import.ToCycleData();
                Assert.All(import.Issues, i => Assert.False(string.IsNullOrWhiteSpace(i.Problem)));
                issues += import.Issues.Count;
            }
            catch (Exception ex)
            {
                var kept = Path.Combine(Path.GetTempPath(), $"batchcycle-fuzz-{seed}-{iteration}-{name}");
                File.WriteAllBytes(kept, content);
                Assert.Fail($"Seed {seed}, iteration {iteration}: {mutation} of {name} threw (input kept as {kept}):\n{ex}");
            }
        }

        output.WriteLine($"seed {seed}: {iteration} mutated files read in {watch.Elapsed.TotalSeconds:0.0} s, {issues} issues reported");
        Assert.True(iteration >= Math.Min(MaxIterations, 20), $"only {iteration} iterations ran");
    }

    private static List<(string Name, byte[] Content)> Samples()
    {
        object?[] header = ["申请编号", "标志类别", "申请类别", "申请公司名称", "递交日期", "股东持有内地企业股份%", "守法声明"];
        var rows = new List<object?[]> { header };
        for (var i = 1; i <= 6; i++)
        {
            rows.Add([$"A-{i}", i % 2 == 0 ? "M" : "环保卓越", i % 3 == 0 ? "续期" : "New", $"东莞恒丰五金, \"第{i}厂\"", $"{i}/05/2025", "51%", "是"]);
        }

        var projects = TestFiles.Csv([
            ["项目编号", "项目类别", "工厂编号", "状态", "完成日期", "资助金额（港元）"],
            ["P-1", "实地评估", "H12345678", "已完成", "2024-03-01", "120,000"],
            ["P-2", "示范项目", "91350100M000100Y43", "Approved", null, "1e5"],
        ]);

        var book = new XlsxBuilder();
        var sheet = book.Sheet("Applications").Row("Title row of the secretariat").Row(HostileFiles.ApplicationHeader.Append("ContactName").ToArray());
        for (var i = 1; i <= 4; i++)
        {
            sheet.Row($"X-{i}", "E", "Renewal", $"公司 {i}", new DateTime(2025, 5, i), new XlsxError("#N/A"));
        }

        sheet.Row(new XlsxFormula("\"X-\"&\"9\"", "X-9"), "M", "New", "Y", new XlsxFormula("DATE(2025,5,14)", 45791.0)).Merge("D3:D4");
        book.Sheet("Labels", hidden: true).Row("Serial", "LabelType", "HolderName", "AwardedOn", "Revoked").Row("CP-2024-0001", "M", "Z", 45000.0, true);

        string[] strings = ["ApplicationId", "LabelType", "Kind", "ApplicantName", "SubmittedOn", "S-1", "M", "New", "共享字符串公司"];
        static string Cell(string reference, int index) => $"<c r=\"{reference}\" t=\"s\"><v>{index}</v></c>";
        var shared = HostilePackages.RawXlsx(HostilePackages.SheetXml(
            $"<row r=\"1\">{string.Concat(Enumerable.Range(0, 5).Select(i => Cell($"{(char)('A' + i)}1", i)))}</row>"
            + $"<row r=\"2\">{Cell("A2", 5)}{Cell("B2", 6)}{Cell("C2", 7)}{Cell("D2", 8)}<c r=\"E2\" s=\"1\"><v>45791</v></c></row>",
            wrapRow: false), sharedStrings: strings);

        return
        [
            ("applications.csv", TestFiles.Utf8Csv(rows)),
            ("projects.csv", Encoding.GetEncoding("GB18030").GetBytes(projects)),
            ("applications.xlsx", book.ToBytes()),
            ("shared-strings.xlsx", shared),
        ];
    }

    private static (string Mutation, byte[] Content) Mutate(string name, byte[] original, Random random)
    {
        var choice = random.Next(name.EndsWith(".xlsx", StringComparison.Ordinal) ? 7 : 5);
        if (original.Length == 0)
        {
            // Nothing to flip, cut or delete in an empty part: bytes are inserted instead.
            choice = 2;
        }

        switch (choice)
        {
            case 0:
                var flipped = (byte[])original.Clone();
                var count = random.Next(1, 9);
                for (var i = 0; i < count; i++)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)random.Next(1, 256);
                }

                return ($"{count} flipped bytes", flipped);
            case 1:
                var length = random.Next(original.Length);
                return ($"truncation to {length} bytes", original[..length]);
            case 2:
                var at = random.Next(original.Length + 1);
                var inserted = new byte[random.Next(1, 65)];
                random.NextBytes(inserted);
                return ($"{inserted.Length} random bytes inserted at {at}", [.. original[..at], .. inserted, .. original[at..]]);
            case 3:
                var from = random.Next(original.Length);
                var to = Math.Min(original.Length, from + random.Next(1, 200));
                return ($"bytes {from} to {to} deleted", [.. original[..from], .. original[to..]]);
            case 4 when !name.EndsWith(".xlsx", StringComparison.Ordinal):
                return InsertTokens(original, random, "");
            default:
                // Corrupts the unpacked content of one part and packs it again, so the damage passes the
                // zip's checksums and reaches the XML and value parsers.
                var parts = PartNames(original);
                var part = parts[random.Next(parts.Count)];
                var description = "";
                var repacked = HostilePackages.Repack(original, (entry, content) =>
                {
                    if (entry != part)
                    {
                        return content;
                    }

                    var (what, changed) = choice == 6 ? InsertTokens(content, random, part) : Mutate(part + ".csv", content, random);
                    description = what;
                    return changed;
                });
                return ($"part {part}: {description}", repacked);
        }
    }

    private static (string, byte[]) InsertTokens(byte[] content, Random random, string part)
    {
        var result = content;
        var count = random.Next(1, 6);
        var described = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var token = Tokens[random.Next(Tokens.Length)];
            var at = random.Next(result.Length + 1);
            result = [.. result[..at], .. Encoding.UTF8.GetBytes(token), .. result[at..]];
            described.Add($"'{token}' at {at}");
        }

        return ($"tokens {string.Join(", ", described)} inserted{(part.Length > 0 ? " into " + part : "")}", result);
    }

    private static List<string> PartNames(byte[] package)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(package), System.IO.Compression.ZipArchiveMode.Read);
        return [.. zip.Entries.Select(e => e.FullName)];
    }
}
