using System.Runtime.Versioning;
using BatchCycle.Certificates;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Certificates;

/// <summary>Starting Chromium: what the user is told when it cannot start, and printing side by side.</summary>
public sealed class ChromiumPdfPrinterTests
{
    [Fact]
    [SupportedOSPlatform("linux")] // the stand-in for Chromium is a shell script, made executable the Unix way
    public async Task A_Chromium_that_cannot_start_is_reported_with_what_it_said()
    {
        using var temp = new TempFolder();
        var broken = temp.Combine("chromium");
        await File.WriteAllTextAsync(broken, "#!/bin/sh\necho 'chromium: error while loading shared libraries: libnss3.so' >&2\nexit 127\n");
        File.SetUnixFileMode(broken, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var (printer, problem) = await ChromiumPdfPrinter.TryStartAsync(broken, CancellationToken.None);

        Assert.Null(printer);
        Assert.Equal(
            $"Chromium at '{broken}' could not be started (it stopped before it was ready; " +
            "it said: chromium: error while loading shared libraries: libnss3.so)",
            problem);
    }

    [Fact]
    public async Task Documents_printed_side_by_side_each_come_back_as_their_own_PDF()
    {
        var (printer, problem) = await ChromiumPdfPrinter.TryStartAsync("/usr/bin/chromium", CancellationToken.None);
        Assert.True(printer is not null, problem);
        string[] texts = ["第一份 first", "第二份 second", "第三份 third", "第四份 fourth", "第五份 fifth"];
        byte[][] pdfs;
        await using (printer)
        {
            pdfs = await Task.WhenAll(texts.Select(text => printer.PrintAsync(
                $"<!doctype html><meta charset=\"utf-8\"><style>@page {{ size: A4 landscape; margin: 0 }}</style><p>{text}</p>",
                CancellationToken.None)));
        }

        using var temp = new TempFolder();
        for (var i = 0; i < texts.Length; i++)
        {
            var path = temp.Combine($"{i}.pdf");
            await File.WriteAllBytesAsync(path, pdfs[i]);
            var info = await Poppler.RunAsync("pdfinfo", path);
            Assert.Contains("Pages:           1\n", info.Text);
            Assert.Contains("841.92 x 594.96 pts (A4)", info.Text);
            var text = await Poppler.RunAsync("pdftotext", path, "-");
            Assert.Equal(texts[i], text.Text.Trim());
        }
    }
}
