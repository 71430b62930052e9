using System.Globalization;
using System.Text;
using BatchCycle.Runs;
using BatchCycle.Storage;

namespace BatchCycle.Certificates;

/// <summary>
/// Writes the certificate files of a cycle into the run's <c>certificates/</c> folder: <c>&lt;Serial&gt;.pdf</c>
/// each, and <c>&lt;Year&gt;-certificates.pdf</c> with all of them for printing. It works from the database,
/// not from what was just issued: any certificate whose file is missing is rendered, so a run that stopped
/// between issuing a serial and writing its file is repaired by the next one, with the same serial.
/// Without Chromium the same files are written as HTML, and the warning says how to get PDFs.
/// </summary>
public static class CertificateRendering
{
    /// <summary>
    /// Certificates printed as one document and cut into one PDF each. Most of a print is spent once per document
    /// (Chromium turns every CJK glyph used into PDF outlines), so a batch of 12 costs about as much as two
    /// certificates printed alone. Larger batches save little more time, while every part carries the glyphs of
    /// its whole batch and grows with it.
    /// </summary>
    private const int BatchSize = 12;

    public sealed record Result(int Rendered, bool Pdf, string? Warning);

    private sealed record PrintJob(IReadOnlyList<CertificateRecord> Certificates, bool Combined);

    public static string CombinedName(int year, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{year}-certificates.{extension}");

    public static async Task<Result> RenderMissingAsync(
        RunContext run,
        CertificateTemplate template,
        IReadOnlyList<CertificateRecord> certificates,
        CancellationToken cancellationToken)
    {
        var folder = run.OutPath("certificates");
        var withoutPdf = certificates.Where(c => !File.Exists(Path.Combine(folder, c.Serial + ".pdf"))).ToList();
        var combinedPdf = Path.Combine(folder, CombinedName(run.Calendar.Year, "pdf"));
        if (certificates.Count == 0 || (withoutPdf.Count == 0 && File.Exists(combinedPdf)))
        {
            return new Result(0, File.Exists(combinedPdf), null);
        }

        var (printer, problem) = await ChromiumPdfPrinter.TryStartAsync(run.Settings.Chromium, cancellationToken);
        if (printer is null)
        {
            var rendered = await WriteHtmlAsync(run, template, certificates, withoutPdf, folder, cancellationToken);
            return new Result(rendered, false,
                $"{problem}, so certificates were written as HTML. For PDF certificates install Chromium and the CJK fonts " +
                "(Debian: apt-get install chromium fonts-noto-cjk) or set BatchCycle:Chromium to a Chromium executable, then run again.");
        }

        await using (printer)
        {
            var done = 0;
            var batchSize = Math.Clamp((withoutPdf.Count + printer.Parallelism - 1) / printer.Parallelism, 1, BatchSize);
            // The combined document, the longest print, goes first so that the other pages work through the
            // batches meanwhile instead of waiting for it at the end.
            IEnumerable<PrintJob> jobs = [new(certificates, Combined: true), .. withoutPdf.Chunk(batchSize).Select(batch => new PrintJob(batch, Combined: false))];
            await Parallel.ForEachAsync(
                jobs,
                new ParallelOptions { MaxDegreeOfParallelism = printer.Parallelism, CancellationToken = cancellationToken },
                async (job, token) =>
                {
                    if (job.Combined)
                    {
                        var combined = await printer.PrintAsync(Html(run, template, job.Certificates), token);
                        await WriteAtomicallyAsync(combinedPdf, combined, token);
                        File.Delete(Path.Combine(folder, CombinedName(run.Calendar.Year, "html")));
                        return;
                    }

                    var pdfs = await PrintOnePerCertificateAsync(printer, run, template, job.Certificates, token);
                    for (var i = 0; i < pdfs.Count; i++)
                    {
                        var serial = job.Certificates[i].Serial;
                        await WriteAtomicallyAsync(Path.Combine(folder, serial + ".pdf"), pdfs[i], token);
                        // An HTML copy left by a run without Chromium is superseded; one format per certificate.
                        File.Delete(Path.Combine(folder, serial + ".html"));
                        run.ReportProgress(0.9 * Interlocked.Increment(ref done) / withoutPdf.Count);
                    }
                });
        }

        return new Result(withoutPdf.Count, true, null);
    }

    /// <summary>
    /// One PDF per certificate, in order: the batch printed together and cut into pages, or, when the pages do not
    /// match the certificates one to one (a template whose certificate runs over a page), each printed alone.
    /// </summary>
    private static async Task<IReadOnlyList<byte[]>> PrintOnePerCertificateAsync(
        ChromiumPdfPrinter printer,
        RunContext run,
        CertificateTemplate template,
        IReadOnlyList<CertificateRecord> batch,
        CancellationToken cancellationToken)
    {
        if (batch.Count > 1)
        {
            var pages = PdfPageSplitter.TrySplit(await printer.PrintAsync(Html(run, template, batch), cancellationToken));
            if (pages?.Count == batch.Count)
            {
                return pages;
            }
        }

        var alone = new List<byte[]>();
        foreach (var certificate in batch)
        {
            alone.Add(await printer.PrintAsync(Html(run, template, [certificate]), cancellationToken));
        }

        return alone;
    }

    private static async Task<int> WriteHtmlAsync(
        RunContext run,
        CertificateTemplate template,
        IReadOnlyList<CertificateRecord> certificates,
        IReadOnlyList<CertificateRecord> withoutPdf,
        string folder,
        CancellationToken cancellationToken)
    {
        var missing = withoutPdf.Where(c => !File.Exists(Path.Combine(folder, c.Serial + ".html"))).ToList();
        for (var i = 0; i < missing.Count; i++)
        {
            var certificate = missing[i];
            await WriteAtomicallyAsync(Path.Combine(folder, certificate.Serial + ".html"), Utf8(Html(run, template, [certificate])), cancellationToken);
            run.ReportProgress(0.9 * (i + 1) / missing.Count);
        }

        var combined = Path.Combine(folder, CombinedName(run.Calendar.Year, "html"));
        if (missing.Count > 0 || !File.Exists(combined))
        {
            await WriteAtomicallyAsync(combined, Utf8(Html(run, template, certificates)), cancellationToken);
        }

        return missing.Count;
    }

    private static string Html(RunContext run, CertificateTemplate template, IReadOnlyList<CertificateRecord> certificates) =>
        template.Render(new CertificateDocument([.. certificates.Select(c => CertificatePage.From(c, run.Settings.VerifyBaseUrl))]));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Written beside and then moved into place, so a crash never leaves a half file that a later run would take as done.</summary>
    private static async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var partial = path + ".partial";
        await File.WriteAllBytesAsync(partial, content, cancellationToken);
        File.Move(partial, path, overwrite: true);
    }
}
