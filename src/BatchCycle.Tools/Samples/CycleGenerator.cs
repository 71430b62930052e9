using System.Globalization;
using System.Text;
using BatchCycle.Cycle;
using BatchCycle.Files;

namespace BatchCycle.Samples;

/// <param name="OutputFolder">The input folder to write (created when missing).</param>
/// <param name="ExpectedOutcomesPath">The expected-outcomes CSV; must lie outside <paramref name="OutputFolder"/>,
/// where a file of no input kind would be reported as an import issue.</param>
public sealed record GeneratorOptions(
    string OutputFolder,
    string ExpectedOutcomesPath,
    CycleCalendar Calendar,
    int Applications,
    int Seed,
    SampleFormat Format);

/// <summary>Rows written of one kind: from scenarios, bulk filler, and deliberately unreadable ones.</summary>
public sealed record KindRows(long Scenario, long Filler, long Bad)
{
    public long Total => Scenario + Filler + Bad;
}

public sealed record GenerationSummary(IReadOnlyDictionary<SampleKind, KindRows> Rows, IReadOnlyList<string> Files, int Applications, int ExpectedOutcomes);

/// <summary>
/// Writes a synthetic but valid cycle of any size in the formats of docs/inputs.md, and the outcomes docs/criteria.md
/// gives for it. The cycle is a sequence of rounds through <see cref="ScenarioCatalogue"/> (fresh identities in
/// every round) until the requested number of applications is reached, plus bulk filler in fixed ratios.
/// Everything derives from the seed through <see cref="System.Random"/>: the same seed, size, format and
/// calendar give the same bytes.
/// <para>
/// Nothing is held in memory beyond one scenario's records: every table is written by replaying the scenario
/// sequence and the filler streams and keeping only that table's rows (a workbook can only be written one sheet
/// after the other, so this is also what makes several kinds in one workbook possible).
/// </para>
/// </summary>
public static class CycleGenerator
{
    public static GenerationSummary Generate(GeneratorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Applications, 1);
        var folder = Path.GetFullPath(options.OutputFolder);
        if (IsInside(Path.GetFullPath(options.ExpectedOutcomesPath), folder))
        {
            throw new ArgumentException("The expected-outcomes file must lie outside the input folder.", nameof(options));
        }

        Directory.CreateDirectory(folder);
        var context = new FillerContext(options.Calendar, options.Seed, options.Applications);
        var counts = Enum.GetValues<SampleKind>().ToDictionary(k => k, _ => new RowCounter());
        var files = new List<string>();
        var entryTime = new DateTimeOffset(options.Calendar.Opens.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        foreach (var plan in SampleLayout.For(options.Format, options.Calendar.Year))
        {
            var path = Path.Combine(folder, plan.FileName);
            if (plan.IsWorkbook)
            {
                using var workbook = new XlsxSampleWriter(path, entryTime);
                foreach (var sheet in plan.Sheets)
                {
                    workbook.AddTable(sheet.SheetName, InputSchemas.Columns(sheet.Kind), sheet.Style, Rows(sheet, options, context, counts[sheet.Kind]), cancellationToken);
                }
            }
            else
            {
                var sheet = plan.Sheets[0];
                CsvSampleWriter.Write(path, plan.Encoding!.Value, InputSchemas.Columns(sheet.Kind), sheet.Style, Rows(sheet, options, context, counts[sheet.Kind]), cancellationToken);
            }

            files.Add(path);
        }

        var expected = WriteExpected(options);
        return new GenerationSummary(
            counts.ToDictionary(c => c.Key, c => new KindRows(c.Value.Scenario, c.Value.Filler, c.Value.Bad)),
            files,
            options.Applications,
            expected);
    }

    /// <summary>The scenario instances of the cycle, in order; each pass starts from the same counters and seeds.</summary>
    public static IEnumerable<CaseRecords> Scenarios(GeneratorOptions options)
    {
        var builder = new CaseBuilder(options.Calendar, new SampleCounters(), FillerRecords.ProviderCount(options.Applications));
        var remaining = options.Applications;
        var instance = 0;
        for (var round = 0; remaining > 0; round++)
        {
            foreach (var scenario in ScenarioCatalogue.All)
            {
                if (remaining == 0)
                {
                    break;
                }

                if ((scenario.FirstRoundOnly && round > 0) || scenario.Applications > remaining)
                {
                    continue;
                }

                var records = builder.Start(scenario.Name, Streams.Mix(options.Seed, instance++));
                scenario.Tell(builder);
                remaining -= scenario.Applications;
                yield return records;
            }
        }
    }

    private static IEnumerable<object?[]> Rows(SheetPlan sheet, GeneratorOptions options, FillerContext context, RowCounter counter)
    {
        var kind = sheet.Kind;
        var takes = sheet.Takes ?? (_ => true);
        foreach (var records in Scenarios(options))
        {
            foreach (var row in records.Rows(kind).Where(takes))
            {
                counter.Scenario++;
                yield return row;
            }
        }

        object?[]? firstFiller = null;
        foreach (var row in FillerRecords.Rows(kind, context).Where(r => takes(r.Cells)))
        {
            firstFiller ??= row.Cells;
            if (row.Bad)
            {
                counter.Bad++;
            }
            else
            {
                counter.Filler++;
            }

            yield return row.Cells;
        }

        foreach (var row in BadRows.Fixed(kind, options.Calendar, firstFiller).Where(takes))
        {
            counter.Bad++;
            yield return row;
        }
    }

    private static int WriteExpected(GeneratorOptions options)
    {
        var path = Path.GetFullPath(options.ExpectedOutcomesPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        writer.Write(CsvOutput.Line(ExpectedOutcome.Header.ToArray()));
        var count = 0;
        foreach (var outcome in Scenarios(options).SelectMany(r => r.Expected))
        {
            writer.Write(CsvOutput.Line(outcome.Fields()));
            count++;
        }

        return count;
    }

    private static bool IsInside(string path, string folder) =>
        path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private sealed class RowCounter
    {
        public long Scenario { get; set; }

        public long Filler { get; set; }

        public long Bad { get; set; }
    }
}

/// <summary>
/// The handful of unreadable rows every generated cycle carries, one per reason docs/inputs.md names (unknown code,
/// unparsable date, missing required value, duplicate key). Each touches no scenario: the importer must report
/// it with its file, sheet, row and column, and the screening outcomes stay as expected.
/// </summary>
public static class BadRows
{
    public static IEnumerable<object?[]> Fixed(SampleKind kind, CycleCalendar calendar, object?[]? firstFiller)
    {
        var year = calendar.Year;
        var factory = SampleIdentities.GuangdongFactory(SampleIdentities.FillerCounterStart - 1);
        var company = SampleIdentities.HongKongCompany(SampleIdentities.FillerCounterStart - 1);
        switch (kind)
        {
            case SampleKind.Applications:
                // Unknown label type code.
                yield return
                [
                    string.Create(CultureInfo.InvariantCulture, $"CPP{year}-X-00001"), "X", SampleChoices.New, company.Name, company.NameEn,
                    "HK", company.BrNo, null, factory.Id, factory.Name, factory.Address, factory.City, "b", null, null, null,
                    null, true, company.ContactName, company.ContactEmail, calendar.Opens.AddDays(3),
                ];
                break;
            case SampleKind.FundedProjects:
                // Unparsable completion date (there is no 30 February).
                yield return
                [
                    string.Create(CultureInfo.InvariantCulture, $"OA{(year - 2) % 100:00}-BADDATE"), SampleChoices.OnSiteAssessment, factory.Id, factory.Name,
                    FillerRecords.ProviderId(0), null, "Completed", calendar.Opens.AddYears(-2),
                    string.Create(CultureInfo.InvariantCulture, $"{year - 1}-02-30"), 30000m, null,
                ];

                // Duplicate key: the first filler project once more.
                if (firstFiller is not null)
                {
                    yield return firstFiller;
                }

                break;
            case SampleKind.ImprovementOptions when firstFiller is not null:
                // Missing required value: the option's cost class.
                yield return [firstFiller[0], "98", null, "方案类别漏填", false, SampleChoices.Planned, null, null];
                break;
            case SampleKind.Violations:
                // Missing required value: the entity's name.
                yield return
                [
                    string.Create(CultureInfo.InvariantCulture, $"EPD/{year - 1}/NONAME"), "环境保护署 Environmental Protection Department",
                    "H" + company.BrNo, null, calendar.Opens.AddMonths(-5), null, "Waste Disposal Ordinance (Cap. 354)", "Fine HK$5,000",
                ];
                break;
            case SampleKind.RegisterLabels when firstFiller is not null:
                // Duplicate key: the same serial twice.
                yield return firstFiller;
                break;
            case SampleKind.Titles:
                // Unknown title type.
                yield return [factory.Id, factory.Name, "CountyCpEnterprise", "XQ-0001", calendar.Opens.AddYears(-1), null];
                break;
            default:
                break;
        }
    }
}
