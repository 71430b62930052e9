using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using BatchCycle.Files;
using BatchCycle.Messages;
using BatchCycle.Pipeline;
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
    /// Certificates printed as one document and cut into one PDF each (<see cref="PdfPages"/>). Most of a print
    /// is spent once per document, on the CJK fonts, so a batch of 20 costs about as much as three certificates
    /// printed alone. Larger batches save little more time (measured: 500 certificates in batches of 12, 20 and
    /// 32 took about the same), while every part carries the glyphs of its whole batch and grows with it (a part
    /// of 20 is about a quarter larger than a certificate printed alone).
    /// </summary>
    private const int BatchSize = 20;

    /// <summary>HTML pages made side by side before they are written into the combined file.</summary>
    private const int PagesAtATime = 256;

    public sealed record Result(int Rendered, bool Pdf, string? Warning);

    public static string CombinedName(int year, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{year}-certificates.{extension}");

    public static async Task<Result> RenderMissingAsync(
        RunContext run,
        CertificateTemplates templates,
        IReadOnlyList<CertificateRecord> certificates,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var folder = run.OutPath("certificates");
        AtomicFile.RemoveLeftovers(folder);
        var withoutPdf = certificates.Where(c => !File.Exists(Path.Combine(folder, c.Serial + ".pdf"))).ToList();
        var combinedPdf = Path.Combine(folder, CombinedName(run.Calendar.Year, "pdf"));
        if (certificates.Count == 0 || (withoutPdf.Count == 0 && File.Exists(combinedPdf)))
        {
            return new Result(0, File.Exists(combinedPdf), null);
        }

        // A document has one template, so certificates are grouped by the template of their holder's script
        // (docs/outputs.md "Languages"). Each group keeps the certificates' order; the combined file has one group after the other.
        var groups = certificates.GroupBy(templates.For).Select(g => new Group(g.Key, [.. g])).ToList();
        var (printer, problem) = await ChromiumPdfPrinter.TryStartAsync(run.Settings.Chromium, cancellationToken);
        if (printer is null)
        {
            var rendered = WriteHtml(run, groups, withoutPdf, folder, cancellationToken);
            return new Result(rendered, false,
                Catalogue.Bilingual(Message.Of("Warning.HtmlCertificates", problem ?? ""), run.Settings.ChineseCulture()));
        }

        await using (printer)
        {
            var done = 0;
            var batchSize = Math.Clamp((withoutPdf.Count + printer.Parallelism - 1) / printer.Parallelism, 1, BatchSize);
            var batches = Batches(groups, withoutPdf, batchSize);
            var documents = new byte[]?[batches.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, batches.Count),
                new ParallelOptions { MaxDegreeOfParallelism = printer.Parallelism, CancellationToken = cancellationToken },
                async (index, token) =>
                {
                    var (template, batch) = batches[index];
                    (documents[index], var pdfs) = await PrintOnePerCertificateAsync(printer, run, template, batch, token);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        AtomicFile.WriteAllBytes(Path.Combine(folder, batch[i].Serial + ".pdf"), pdfs[i]);
                        // An HTML copy left by a run without Chromium is superseded; one format per certificate.
                        File.Delete(Path.Combine(folder, batch[i].Serial + ".html"));
                        run.ReportProgress(0.9 * Interlocked.Increment(ref done) / withoutPdf.Count);
                    }
                });

            // When this run printed every certificate, the batch documents joined in order are the combined file;
            // otherwise (a repair of a few, or a template that defeats batching) it is printed whole.
            var joined = withoutPdf.Count == certificates.Count && documents.All(d => d is not null) ? PdfPages.TryJoin(documents!) : null;
            var combined = joined ?? await PrintWholeAsync(printer, run, groups, cancellationToken);
            AtomicFile.WriteAllBytes(combinedPdf, combined);
            File.Delete(Path.Combine(folder, CombinedName(run.Calendar.Year, "html")));
        }

        return new Result(withoutPdf.Count, true, null);
    }

    /// <summary>Certificates printed with one template, in order.</summary>
    private sealed record Group(CertificateTemplate Template, IReadOnlyList<CertificateRecord> Certificates);

    /// <summary>The certificates to print, a batch at a time, each batch of one template.</summary>
    private static List<Group> Batches(IReadOnlyList<Group> groups, IReadOnlyList<CertificateRecord> toPrint, int batchSize)
    {
        var serials = toPrint.Select(c => c.Serial).ToHashSet(StringComparer.Ordinal);
        return [.. groups.SelectMany(g => g.Certificates.Where(c => serials.Contains(c.Serial)).Chunk(batchSize).Select(b => new Group(g.Template, b)))];
    }

    /// <summary>The combined file printed group by group and joined, when it is not the join of this run's batches.</summary>
    private static async Task<byte[]> PrintWholeAsync(ChromiumPdfPrinter printer, RunContext run, IReadOnlyList<Group> groups, CancellationToken cancellationToken)
    {
        var documents = new List<byte[]>();
        foreach (var (template, group) in groups)
        {
            documents.Add(await printer.PrintAsync(Html(run, template, group), cancellationToken));
        }

        return documents.Count == 1
            ? documents[0]
            : PdfPages.TryJoin(documents) ?? throw new InvalidOperationException("Chromium printed certificates in a PDF form that cannot be joined into the combined file.");
    }

    /// <summary>
    /// One PDF per certificate, in order, cut from the batch printed as one document, which is returned too. When
    /// the pages do not match the certificates one to one (a template whose certificate runs over a page) each
    /// certificate is printed alone, and there is no batch document.
    /// </summary>
    private static async Task<(byte[]? Document, IReadOnlyList<byte[]> Pdfs)> PrintOnePerCertificateAsync(
        ChromiumPdfPrinter printer,
        RunContext run,
        CertificateTemplate template,
        IReadOnlyList<CertificateRecord> batch,
        CancellationToken cancellationToken)
    {
        var document = await printer.PrintAsync(Html(run, template, batch), cancellationToken);
        if (batch.Count == 1)
        {
            return (document, [document]);
        }

        if (PdfPages.TrySplit(document) is { } pages && pages.Count == batch.Count)
        {
            return (document, pages);
        }

        var alone = new List<byte[]>();
        foreach (var certificate in batch)
        {
            alone.Add(await printer.PrintAsync(Html(run, template, [certificate]), cancellationToken));
        }

        return (null, alone);
    }

    private static int WriteHtml(
        RunContext run,
        IReadOnlyList<Group> groups,
        IReadOnlyList<CertificateRecord> withoutPdf,
        string folder,
        CancellationToken cancellationToken)
    {
        var missing = withoutPdf.Where(c => !File.Exists(Path.Combine(folder, c.Serial + ".html"))).ToList();
        var combined = Path.Combine(folder, CombinedName(run.Calendar.Year, "html"));
        if (missing.Count == 0 && File.Exists(combined))
        {
            return 0;
        }

        var toWrite = missing.Select(c => c.Serial).ToHashSet(StringComparer.Ordinal);
        var done = new StrongBox<int>(0);
        AtomicFile.Write(combined, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);

            // One document per script's template, one after the other: a browser shows and prints them as one.
            foreach (var (template, group) in groups)
            {
                template.RenderTo(writer, new CertificateDocument(PagesWritingEachMissing(run, template, group, toWrite, done, folder, cancellationToken)));
            }
        });
        return missing.Count;
    }

    /// <summary>
    /// The pages of all certificates in order, for the combined file; each page whose certificate lacks its own
    /// file is written to it as the page is made. So each page (its QR code above all) is made once, side by side a
    /// few hundred at a time, and only two such chunks are held: a whole-region cycle has tens of thousands. The
    /// next chunk is made while the combined file takes the pages of this one, which otherwise left a core idle.
    /// </summary>
    private static IEnumerable<CertificatePage> PagesWritingEachMissing(
        RunContext run,
        CertificateTemplate template,
        IReadOnlyList<CertificateRecord> certificates,
        HashSet<string> toWrite,
        StrongBox<int> done,
        string folder,
        CancellationToken cancellationToken)
    {
        var chunks = certificates.Chunk(PagesAtATime).ToList();
        Task<CertificatePage[]>? next = null;
        try
        {
            for (var c = 0; c < chunks.Count; c++)
            {
                var pages = next?.GetAwaiter().GetResult() ?? MakePages(run, template, chunks[c], toWrite, done, folder, cancellationToken);
                var following = c + 1 < chunks.Count ? chunks[c + 1] : null;
                next = following is null ? null : Task.Run(() => MakePages(run, template, following, toWrite, done, folder, cancellationToken), cancellationToken);
                foreach (var page in pages)
                {
                    yield return page;
                }
            }
        }
        finally
        {
            // Left early (the combined file failed): the chunk being made is waited for, so no file is written after the stage ends.
            if (next is not null)
            {
                Task.WhenAny(next).GetAwaiter().GetResult();
                _ = next.Exception;
            }
        }
    }

    /// <summary>The pages of <paramref name="chunk"/>, made side by side; each page still missing its own file is written to it.</summary>
    private static CertificatePage[] MakePages(
        RunContext run,
        CertificateTemplate template,
        CertificateRecord[] chunk,
        HashSet<string> toWrite,
        StrongBox<int> done,
        string folder,
        CancellationToken cancellationToken)
    {
        var pages = new CertificatePage[chunk.Length];
        SideBySide.Run(() => Parallel.For(0, chunk.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            pages[i] = CertificatePage.From(chunk[i], run.Settings.VerifyBaseUrl, template.Script);
            if (toWrite.Contains(pages[i].Serial))
            {
                AtomicFile.WriteAllBytes(Path.Combine(folder, pages[i].Serial + ".html"), Utf8(template.Render(new CertificateDocument([pages[i]]))));
                run.ReportProgress(0.9 * Interlocked.Increment(ref done.Value) / toWrite.Count);
            }
        }));
        return pages;
    }

    private static string Html(RunContext run, CertificateTemplate template, IReadOnlyList<CertificateRecord> certificates) =>
        template.Render(new CertificateDocument([.. certificates.Select(c => CertificatePage.From(c, run.Settings.VerifyBaseUrl, template.Script))]));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
