using System.Diagnostics;
using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Import;
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

        var outcome = await new CertificatesStage().RunAsync(run, CancellationToken.None);

        Assert.Empty(outcome.Warnings);
        Assert.Equal((2, 1), (outcome.Counts["rendered"], outcome.Counts["pdf"]));
        Assert.Equal(
            ["2025-E-0001.pdf", "2025-M-0001.pdf", "2025-certificates.pdf", "certificates.csv"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var text = await Poppler("pdftotext", "-layout", Path.Combine(folder, "2025-M-0001.pdf"), "-");
        Assert.Contains("2025-M-0001", text);
        Assert.Contains("清洁生产伙伴", text);
        Assert.Contains("华南电子有限公司", text);
        Assert.Contains("广东省工业和信息化厅", text);
        Assert.Contains((await cycle.CertificatesAsync()).Single(c => c.Serial == "2025-M-0001").VerificationCode, text.Replace("\n", "", StringComparison.Ordinal));
        Assert.Single(Pages(text));

        var info = await Poppler("pdfinfo", Path.Combine(folder, "2025-M-0001.pdf"));
        Assert.Contains("(A4)", info.Split('\n').Single(l => l.StartsWith("Page size:", StringComparison.Ordinal)));

        var combined = Pages(await Poppler("pdftotext", Path.Combine(folder, "2025-certificates.pdf"), "-"));
        Assert.Equal(2, combined.Count);
        Assert.Contains("2025-E-0001", combined[0]);
        Assert.Contains("清洁生产优越伙伴", combined[0]);
        Assert.Contains("2025-M-0001", combined[1]);

        var modified = File.GetLastWriteTimeUtc(Path.Combine(folder, "2025-M-0001.pdf"));
        var again = await new CertificatesStage().RunAsync(run, CancellationToken.None);
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
        await new CertificatesStage().RunAsync(run, CancellationToken.None);

        var prefix = cycle.Combine("page");
        await Poppler("pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", cycle.Combine("out", "certificates", "2025-S-0001.pdf"), prefix);

        var pixels = ReadPgm(Directory.GetFiles(cycle.Combine(), "page*.pgm").Single());
        // A4 at 30 dpi is about 248 × 351 pixels; border, text and QR code darken well over 3 % of them.
        Assert.InRange(pixels.Length, 80_000, 90_000);
        var dark = pixels.Count(p => p < 128);
        Assert.True(dark > pixels.Length * 0.03, $"only {dark} of {pixels.Length} pixels are dark");
        Assert.True(pixels.Count(p => p > 200) > pixels.Length * 0.3, "the page is not mostly light paper");
    }

    private static List<string> Pages(string text) =>
        [.. text.Split('\f').Where(p => !string.IsNullOrWhiteSpace(p))];

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

    private static async Task<string> Poppler(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await error}");
        return await output;
    }
}
