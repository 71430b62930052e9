using System.Diagnostics;

namespace BatchCycle.Tests.Certificates;

/// <summary>poppler-utils (pdftotext, pdfinfo, pdftoppm): an independent reader of the PDFs the program writes.</summary>
internal static class Poppler
{
    public sealed record Output(string Text, string Errors);

    /// <summary>Runs a poppler tool, which must succeed; its output and whatever it complained about on the way.</summary>
    public static async Task<Output> RunAsync(string tool, params string[] args)
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
        return new Output(await output, await error);
    }

    public static async Task<string> TextAsync(string tool, params string[] args) => (await RunAsync(tool, args)).Text;

    /// <summary>The pages of pdftotext's output, which ends every page with a form feed.</summary>
    public static List<string> Pages(string text) =>
        [.. text.Split('\f').Where(p => !string.IsNullOrWhiteSpace(p))];
}
