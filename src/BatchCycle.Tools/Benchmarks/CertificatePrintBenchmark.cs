using System.Diagnostics;
using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Pipeline;
using BatchCycle.Samples;
using BatchCycle.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchCycle.Benchmarks;

/// <summary>
/// Times the printing of a given number of PDF certificates, which a generated cycle cannot fix exactly (its
/// approvals follow from the screening): that many certificates of all four labels, with distinct Chinese
/// and English holder names, rendered as the certificates stage renders what it has issued (a PDF each and the
/// combined document, Chromium started and stopped), into a fresh folder.
/// </summary>
public static class CertificatePrintBenchmark
{
    /// <param name="Seconds">Wall time of the rendering, Chromium's start included.</param>
    /// <param name="Files">PDF files written: one per certificate and the combined document.</param>
    /// <param name="Megabytes">Their total size.</param>
    public sealed record Result(double Seconds, int Files, double Megabytes);

    /// <summary>One measurement in <paramref name="folder"/> (emptied first); a problem in words when Chromium cannot print.</summary>
    public static async Task<(Result? Result, string? Problem)> MeasureAsync(BatchCycleSettings settings, int count, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var calendar = settings.CalendarFor(settings.Year);
        var database = BatchCycleDatabase.Sqlite(Path.Combine(folder, "benchmark.db"));
        // Progress reports go to the database's stage table, which must exist even though no stage row does.
        database.Migrate();
        var awardedOn = settings.DatesFor(calendar.Year).AwardedOn ?? calendar.Closes;
        var request = new RunRequest(folder, Path.Combine(folder, "out"), calendar.Year, awardedOn, "benchmark");
        var run = new RunContext(0, request, calendar, settings, database, NullLoggerFactory.Instance);
        var templates = CertificateTemplates.Load(settings.TemplatesFolder());

        var clock = Stopwatch.StartNew();
        var result = await CertificateRendering.RenderMissingAsync(run, templates, Certificates(settings, calendar.Year, awardedOn, count), cancellationToken);
        clock.Stop();
        if (!result.Pdf)
        {
            return (null, result.Warning);
        }

        var files = Directory.GetFiles(run.OutPath("certificates"), "*.pdf");
        return (new Result(clock.Elapsed.TotalSeconds, files.Length, files.Sum(f => new FileInfo(f).Length) / 1024.0 / 1024.0), null);
    }

    private static List<CertificateRecord> Certificates(BatchCycleSettings settings, int year, DateOnly awardedOn, int count)
    {
        var serials = SerialFormat.Parse(settings.SerialFormat);
        return [.. Enumerable.Range(1, count).Select(i =>
        {
            var label = LabelTypes.All[i % LabelTypes.All.Count];
            var company = SampleIdentities.HongKongCompany(i);
            var factory = label is LabelType.M or LabelType.E ? SampleIdentities.GuangdongFactory(i) : null;
            return new CertificateRecord
            {
                Serial = serials.Format(year, label, i),
                Year = year,
                LabelType = label.ToString(),
                Sequence = i,
                ApplicationId = "benchmark-" + i,
                HolderName = company.Name,
                HolderNameEn = company.NameEn,
                FactoryId = factory?.Id,
                FactoryName = factory?.Name,
                AwardedOn = awardedOn,
                ExpiresOn = LabelTypes.ExpiresOn(label, awardedOn),
                VerificationCode = VerificationCodes.New(),
            };
        })];
    }
}
