using System.Globalization;
using System.Text;
using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Certificates;

/// <summary>Cutting a PDF into one file per page and joining files into one, read back with poppler.</summary>
public sealed class PdfPagesTests
{
    [Fact]
    public async Task A_batch_printed_by_Chromium_becomes_one_valid_PDF_per_certificate_with_only_its_own_text()
    {
        using var temp = new TempFolder();
        string[] holders = ["华南电子有限公司", "卓越印刷有限公司", "绿链贸易有限公司"];
        var certificates = holders.Select((holder, i) => Certificate(i + 1, holder)).ToList();
        var template = CertificateTemplate.Load(Path.Combine(Repo.Root, "templates"));
        var html = template.Render(new CertificateDocument([.. certificates.Select(c => CertificatePage.From(c, "https://cpp.example.org.hk/", template.Script))]));
        var (printer, problem) = await ChromiumPdfPrinter.TryStartAsync("/usr/bin/chromium", CancellationToken.None);
        Assert.True(printer is not null, problem);
        byte[] batch;
        await using (printer)
        {
            batch = await printer.PrintAsync(html, CancellationToken.None);
        }

        var parts = PdfPages.TrySplit(batch);

        Assert.NotNull(parts);
        Assert.Equal(3, parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var path = temp.Combine($"part{i}.pdf");
            await File.WriteAllBytesAsync(path, parts[i]);
            var info = await Poppler.RunAsync("pdfinfo", path);
            Assert.Equal("", info.Errors);
            Assert.Contains("Pages:           1\n", info.Text);
            Assert.Contains("(A4)", info.Text);
            Assert.Contains("证书 Certificate", info.Text);

            var text = await Poppler.RunAsync("pdftotext", "-layout", path, "-");
            Assert.Equal("", text.Errors);
            Assert.Contains(certificates[i].Serial, text.Text);
            Assert.Contains(holders[i], text.Text);
            Assert.Contains("粤港清洁生产伙伴（制造业）", text.Text);
            Assert.Contains("广东省工业和信息化厅", text.Text);
            foreach (var other in certificates.Where((_, j) => j != i))
            {
                Assert.DoesNotContain(other.Serial, text.Text);
                Assert.DoesNotContain(other.HolderName, text.Text);
            }
        }
    }

    [Fact]
    public async Task A_page_takes_the_attributes_it_inherits_and_keeps_its_annotations()
    {
        using var temp = new TempFolder();
        var pdf = ClassicPdf(
            "<</Type /Catalog /Pages 2 0 R /ViewerPreferences <</DisplayDocTitle true>>>>",
            "<</Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 200 300] /Resources <</Font <</F1 5 0 R>>>>>>",
            "<</Type /Page /Parent 2 0 R /Contents 6 0 R /Annots [8 0 R]>>",
            "<</Type /Page /Parent 2 0 R /Contents 7 0 R /MediaBox [0 0 400 500]>>",
            "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
            Stream("BT /F1 12 Tf 20 250 Td (First \\(one\\)) Tj ET", length: "9 0 R"),
            Stream("BT /F1 12 Tf 20 250 Td (Second page) Tj ET"),
            "<</Type /Annot /Subtype /Link /Rect [0 0 10 10] /Border [0 0 0] /P 3 0 R /A <</S /URI /URI (https://cpp.example.org.hk/)>>>>",
            "44",
            "<</Title (Parts \\(and\\) 1 0 R)>>");

        var parts = PdfPages.TrySplit(pdf);

        Assert.NotNull(parts);
        Assert.Equal(2, parts.Count);
        var first = temp.Combine("first.pdf");
        var second = temp.Combine("second.pdf");
        await File.WriteAllBytesAsync(first, parts[0]);
        await File.WriteAllBytesAsync(second, parts[1]);

        var firstInfo = await Poppler.RunAsync("pdfinfo", first);
        Assert.Equal("", firstInfo.Errors);
        Assert.Contains("Page size:       200 x 300 pts", firstInfo.Text);
        Assert.Contains("Title:           Parts (and) 1 0 R", firstInfo.Text);
        Assert.Contains("Page size:       400 x 500 pts", (await Poppler.RunAsync("pdfinfo", second)).Text);
        var firstText = await Poppler.RunAsync("pdftotext", first, "-");
        Assert.Equal("", firstText.Errors);
        Assert.Equal("First (one)", firstText.Text.Trim());
        Assert.Equal("Second page", (await Poppler.TextAsync("pdftotext", second, "-")).Trim());
        var copied = Encoding.Latin1.GetString(parts[0]);
        Assert.Contains("/URI (https://cpp.example.org.hk/)", copied);
        Assert.Contains("/P 3 0 R", copied);
        Assert.StartsWith("3 0 obj\n<</Type /Page", copied[copied.IndexOf("3 0 obj", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("https://", Encoding.Latin1.GetString(parts[1]));
    }

    [Fact]
    public async Task Joined_files_keep_every_page_in_order_with_its_own_fonts_and_size()
    {
        using var temp = new TempFolder();
        var first = ClassicPdf(
            "<</Type /Catalog /Pages 2 0 R>>",
            "<</Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 200 300] /Resources <</Font <</F1 5 0 R>>>>>>",
            "<</Type /Page /Parent 2 0 R /Contents 6 0 R>>",
            "<</Type /Page /Parent 2 0 R /Contents 7 0 R>>",
            "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
            Stream("BT /F1 12 Tf 20 250 Td (Page A) Tj ET"),
            Stream("BT /F1 12 Tf 20 250 Td (Page B) Tj ET"),
            "<</Title (Batch one)>>");
        var second = ClassicPdf(
            "<</Type /Catalog /Pages 2 0 R>>",
            "<</Type /Pages /Kids [3 0 R] /Count 1>>",
            "<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 500] /Resources <</Font <</F1 4 0 R>>>> /Contents 5 0 R>>",
            "<</Type /Font /Subtype /Type1 /BaseFont /Courier>>",
            Stream("BT /F1 12 Tf 20 250 Td (Page C) Tj ET"));

        var joined = PdfPages.TryJoin([first, second]);

        Assert.NotNull(joined);
        var path = temp.Combine("joined.pdf");
        await File.WriteAllBytesAsync(path, joined);
        var info = await Poppler.RunAsync("pdfinfo", "-f", "1", "-l", "3", path);
        Assert.Equal("", info.Errors);
        Assert.Contains("Pages:           3\n", info.Text);
        Assert.Contains("Title:           Batch one", info.Text);
        var sizes = string.Join(' ', info.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Page 1 size: 200 x 300 pts", sizes);
        Assert.Contains("Page 2 size: 200 x 300 pts", sizes);
        Assert.Contains("Page 3 size: 400 x 500 pts", sizes);
        var text = await Poppler.RunAsync("pdftotext", path, "-");
        Assert.Equal("", text.Errors);
        Assert.Equal(["Page A", "Page B", "Page C"], Poppler.Pages(text.Text).Select(p => p.Trim()));
        var fonts = await Poppler.TextAsync("pdffonts", path);
        Assert.Contains("Helvetica", fonts);
        Assert.Contains("Courier", fonts);
        Assert.Null(PdfPages.TryJoin([first, Encoding.ASCII.GetBytes("not a PDF")]));
    }

    [Theory]
    [InlineData("not a PDF")]
    [InlineData("cross-reference stream")]
    [InlineData("encrypted")]
    [InlineData("missing object")]
    [InlineData("stream shorter than its length")]
    [InlineData("link to another page")]
    [InlineData("cut short")]
    public void A_file_it_cannot_read_gives_no_parts_instead_of_a_wrong_one(string kind)
    {
        var pdf = kind switch
        {
            "not a PDF" => Encoding.ASCII.GetBytes("<html>certificate</html>"),
            "cross-reference stream" => Encoding.ASCII.GetBytes(
                "%PDF-1.5\n1 0 obj\n<</Type /XRef /Size 2 /W [1 2 1] /Root 1 0 R /Length 0>> stream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n"),
            "encrypted" => ClassicPdf(["<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [3 0 R] /Count 1>>", "<</Type /Page /Parent 2 0 R /MediaBox [0 0 10 10]>>"], "/Encrypt <</Filter /Standard>>"),
            "missing object" => ClassicPdf("<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [3 0 R] /Count 1>>", "<</Type /Page /Parent 2 0 R /Contents 7 0 R>>"),
            "stream shorter than its length" => ClassicPdf("<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [3 0 R] /Count 1>>", "<</Type /Page /Parent 2 0 R /Contents 4 0 R>>", Stream("BT ET", length: "900")),
            "link to another page" => ClassicPdf(
                "<</Type /Catalog /Pages 2 0 R>>",
                "<</Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 10 10]>>",
                "<</Type /Page /Parent 2 0 R /Annots [<</Type /Annot /Subtype /Link /Rect [0 0 5 5] /Dest [4 0 R /Fit]>>]>>",
                "<</Type /Page /Parent 2 0 R>>"),
            "cut short" => ClassicPdf("<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [3 0 R] /Count 1>>", "<</Type /Page /Parent 2 0 R /MediaBox [0 0 10 10]>>")[..^40],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        Assert.Null(PdfPages.TrySplit(pdf));
    }

    private static CertificateRecord Certificate(int sequence, string holder) => new()
    {
        Serial = string.Create(CultureInfo.InvariantCulture, $"2025-M-{sequence:0000}"),
        Year = 2025,
        LabelType = nameof(LabelType.M),
        Sequence = sequence,
        HolderName = holder,
        AwardedOn = new DateOnly(2025, 12, 16),
        ExpiresOn = new DateOnly(2027, 12, 15),
        VerificationCode = VerificationCodes.New(),
    };

    private static string Stream(string content, string? length = null) =>
        $"<</Length {length ?? content.Length.ToString(CultureInfo.InvariantCulture)}>> stream\n{content}\nendstream";

    private static byte[] ClassicPdf(params string[] objects) => ClassicPdf(objects, "");

    /// <summary>
    /// A PDF 1.4 file of the given objects numbered from 1, the first the catalog; an object whose value is a
    /// dictionary with /Title is the document information.
    /// </summary>
    private static byte[] ClassicPdf(string[] objects, string extraTrailer)
    {
        var text = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        var info = 0;
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(text.ToString()));
            text.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
            info = objects[i].StartsWith("<</Title", StringComparison.Ordinal) ? i + 1 : info;
        }

        var table = Encoding.Latin1.GetByteCount(text.ToString());
        text.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            text.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        var infoEntry = info > 0 ? string.Create(CultureInfo.InvariantCulture, $" /Info {info} 0 R") : "";
        text.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {objects.Length + 1} /Root 1 0 R{infoEntry} {extraTrailer}>>\nstartxref\n{table}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(text.ToString());
    }
}
