using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Tests.Support;
using static BatchCycle.Tests.Certificates.CertificateCycle;

namespace BatchCycle.Tests.Certificates;

/// <summary>Real PDFs printed by Chromium, read back with poppler (pdftotext, pdftoppm) as an independent reader.</summary>
public sealed class PdfCertificateTests
{
    [Fact]
    public async Task Each_certificate_and_the_print_file_are_A4_PDFs_with_the_serial_and_the_Chinese_label()
    {
        using var cycle = new CertificateCycle();
        cycle.UseChromium();
        var run = await cycle.NewRunAsync(Data(
            [
                Application("A-M-1", LabelType.M, "华南电子有限公司", "South China Electronics Ltd", "H12345678", "华南电子香港厂"),
                Application("A-E-1", LabelType.E, "卓越印刷有限公司", factoryId: "F-E1", factoryName: "卓越印刷厂"),
            ],
            [Decision("A-M-1", PanelDecisionValue.Approve), Decision("A-E-1", PanelDecisionValue.Approve)]));
        var folder = cycle.Combine("out", "certificates");
        // An HTML copy from an earlier run without Chromium is replaced by the PDF.
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "2025-M-0001.html"), "<p>old</p>");

        var outcome = await cycle.IssueAsync(run);

        Assert.Empty(outcome.Warnings);
        Assert.Equal((2, 1), (outcome.Counts["rendered"], outcome.Counts["pdf"]));
        Assert.Equal(
            ["2025-E-0001.pdf", "2025-M-0001.pdf", "2025-certificates.pdf", "certificates.csv"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var text = await Poppler.TextAsync("pdftotext", "-layout", Path.Combine(folder, "2025-M-0001.pdf"), "-");
        Assert.Contains("2025-M-0001", text);
        Assert.DoesNotContain("2025-E-0001", text);
        Assert.Contains("清潔生產夥伴", text);
        Assert.Contains("华南电子有限公司", text);
        Assert.Contains("廣東省工業和信息化廳", text);
        Assert.Contains((await cycle.CertificatesAsync()).Single(c => c.Serial == "2025-M-0001").VerificationCode, text.Replace("\n", "", StringComparison.Ordinal));
        Assert.Single(Poppler.Pages(text));

        var info = await Poppler.TextAsync("pdfinfo", Path.Combine(folder, "2025-M-0001.pdf"));
        Assert.Contains("(A4)", info.Split('\n').Single(l => l.StartsWith("Page size:", StringComparison.Ordinal)));

        var combined = Poppler.Pages(await Poppler.TextAsync("pdftotext", Path.Combine(folder, "2025-certificates.pdf"), "-"));
        Assert.Equal(2, combined.Count);
        Assert.Contains("2025-E-0001", combined[0]);
        Assert.Contains("清潔生產優越夥伴", combined[0]);
        Assert.Contains("2025-M-0001", combined[1]);

        var modified = File.GetLastWriteTimeUtc(Path.Combine(folder, "2025-M-0001.pdf"));
        var again = await cycle.IssueAsync(run);
        Assert.Equal(0, again.Counts["rendered"]);
        Assert.Equal(modified, File.GetLastWriteTimeUtc(Path.Combine(folder, "2025-M-0001.pdf")));
    }

    [Fact]
    public async Task A_printed_certificate_is_not_a_blank_page()
    {
        using var cycle = new CertificateCycle();
        cycle.UseChromium();
        var run = await cycle.NewRunAsync(Data(
            [Application("A-S-1", LabelType.S, "绿链贸易有限公司", "Green Chain Trading Ltd")],
            [Decision("A-S-1", PanelDecisionValue.Approve)]));
        await cycle.IssueAsync(run);

        var prefix = cycle.Combine("page");
        await Poppler.TextAsync("pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", cycle.Combine("out", "certificates", "2025-S-0001.pdf"), prefix);

        var pixels = ReadPgm(Directory.GetFiles(cycle.Combine(), "page*.pgm").Single());
        // A4 at 30 dpi is about 248 × 351 pixels; border, text and QR code darken well over 3 % of them.
        Assert.InRange(pixels.Length, 80_000, 90_000);
        var dark = pixels.Count(p => p < 128);
        Assert.True(dark > pixels.Length * 0.03, $"only {dark} of {pixels.Length} pixels are dark");
        Assert.True(pixels.Count(p => p > 200) > pixels.Length * 0.3, "the page is not mostly light paper");
    }

    [Fact]
    public async Task A_template_whose_certificate_runs_over_a_page_still_gives_each_certificate_its_own_whole_PDF()
    {
        using var cycle = new CertificateCycle();
        cycle.UseChromium();
        var templates = cycle.Combine("templates");
        Directory.CreateDirectory(templates);
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "templates")))
        {
            File.Copy(file, Path.Combine(templates, Path.GetFileName(file)));
        }

        // Taller than A4: every certificate takes two pages, so a batch's pages no longer match its certificates.
        // Both scripts' templates (certificate.html, certificate.zh-Hant.html) are changed alike.
        foreach (var template in Directory.GetFiles(templates, "certificate*.html"))
        {
            var html = await File.ReadAllTextAsync(template);
            await File.WriteAllTextAsync(template, html.Replace("height: 297mm;", "height: 420mm;", StringComparison.Ordinal));
        }
        cycle.Settings.Templates = templates;
        var run = await cycle.NewRunAsync(Data(
            [
                Application("A-M-1", LabelType.M, "华南电子有限公司", "South China Electronics Ltd", "H12345678", "华南电子香港厂"),
                Application("A-M-2", LabelType.M, "卓越印刷有限公司", factoryId: "F-M2", factoryName: "卓越印刷厂"),
                Application("A-M-3", LabelType.M, "绿链塑胶有限公司", factoryId: "F-M3", factoryName: "绿链塑胶厂"),
            ],
            [Decision("A-M-1", PanelDecisionValue.Approve), Decision("A-M-2", PanelDecisionValue.Approve), Decision("A-M-3", PanelDecisionValue.Approve)]));

        var outcome = await cycle.IssueAsync(run);

        Assert.Equal((3, 1), (outcome.Counts["rendered"], outcome.Counts["pdf"]));
        var serials = new[] { "2025-M-0001", "2025-M-0002", "2025-M-0003" };
        var holders = new[] { "华南电子有限公司", "卓越印刷有限公司", "绿链塑胶有限公司" };
        for (var i = 0; i < serials.Length; i++)
        {
            var text = await Poppler.TextAsync("pdftotext", "-layout", cycle.Combine("out", "certificates", serials[i] + ".pdf"), "-");
            Assert.Equal(2, Poppler.Pages(text).Count);
            Assert.Contains(serials[i], text);
            Assert.Contains(holders[i], text);
            Assert.All(serials.Where(s => s != serials[i]), other => Assert.DoesNotContain(other, text));
        }

        var combined = Poppler.Pages(await Poppler.TextAsync("pdftotext", cycle.Combine("out", "certificates", "2025-certificates.pdf"), "-"));
        Assert.Equal(6, combined.Count);
        Assert.Equal(serials, combined.Where(page => page.Contains("2025-M-", StringComparison.Ordinal)).Select(page => page[page.IndexOf("2025-M-", StringComparison.Ordinal)..][..11]));
    }

    /// <summary>Binary PGM (P5): "P5", width, height, max value, then one byte per pixel.</summary>
    private static byte[] ReadPgm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var fields = new List<string>();
        var position = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)bytes[position]))
            {
                position++;
            }

            var start = position;
            while (!char.IsWhiteSpace((char)bytes[position]))
            {
                position++;
            }

            fields.Add(System.Text.Encoding.ASCII.GetString(bytes, start, position - start));
        }

        Assert.Equal("P5", fields[0]);
        var length = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        return bytes[(position + 1)..(position + 1 + length)];
    }
}
