using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Samples;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Samples;

public sealed class CycleGeneratorTests
{
    private static readonly CycleCalendar Cycle2025 = new(2025, new DateOnly(2025, 5, 14), new DateOnly(2025, 7, 21));
    private static readonly CycleCalendar Cycle2027 = new(2027, new DateOnly(2027, 5, 12), new DateOnly(2027, 7, 19));

    private static GenerationSummary Generate(TempFolder temp, string name, SampleFormat format, int applications, int seed, CycleCalendar? calendar = null) =>
        CycleGenerator.Generate(
            new GeneratorOptions(temp.Combine(name), temp.Combine(name + "-expected.csv"), calendar ?? Cycle2025, applications, seed, format),
            CancellationToken.None);

    private static Dictionary<string, byte[]> Bytes(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);

    [Theory]
    [InlineData(SampleFormat.Csv)]
    [InlineData(SampleFormat.Xlsx)]
    [InlineData(SampleFormat.Mixed)]
    public void The_same_seed_and_size_give_the_same_bytes_and_another_seed_does_not(SampleFormat format)
    {
        using var temp = new TempFolder();
        Generate(temp, "a", format, 60, 7);
        Generate(temp, "b", format, 60, 7);
        Generate(temp, "c", format, 60, 8);

        var (a, b, c) = (Bytes(temp.Combine("a")), Bytes(temp.Combine("b")), Bytes(temp.Combine("c")));
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (file, content) in a)
        {
            Assert.True(content.AsSpan().SequenceEqual(b[file]), $"{file} differs between two runs with the same seed.");
        }

        Assert.Equal(File.ReadAllBytes(temp.Combine("a-expected.csv")), File.ReadAllBytes(temp.Combine("b-expected.csv")));
        Assert.Contains(a, kv => !kv.Value.AsSpan().SequenceEqual(c[kv.Key]));
    }

    [Fact]
    public void Filler_follows_the_ratios_per_thousand_applications_and_every_row_is_in_the_files()
    {
        using var temp = new TempFolder();
        var summary = Generate(temp, "in", SampleFormat.Csv, 1000, 3);

        Assert.Equal(10_000, summary.Rows[SampleKind.FundedProjects].Filler);
        Assert.Equal(30_000, summary.Rows[SampleKind.ImprovementOptions].Filler);
        Assert.Equal(2_000, summary.Rows[SampleKind.Violations].Filler);
        Assert.Equal(500, summary.Rows[SampleKind.RegisterLabels].Filler);
        Assert.Equal(200, summary.Rows[SampleKind.Titles].Filler);
        Assert.Equal(1000, summary.Rows[SampleKind.Applications].Scenario);
        Assert.Equal(1000, summary.ExpectedOutcomes);

        string[] files = ["applications", "funded-projects", "improvement-options", "violations", "label-register", "titles", "service-providers", "complaints", "procurement", "panel-decisions"];
        var kinds = Enum.GetValues<SampleKind>();
        for (var i = 0; i < files.Length; i++)
        {
            var table = SampleFiles.Read(temp.Combine("in", files[i] + ".csv")).Single();
            Assert.Equal(summary.Rows[kinds[i]].Total, table.Rows.Count);
            Assert.All(table.Rows, row => Assert.Equal(table.Header.Count, row.Count));
        }

        var projects = summary.Rows[SampleKind.FundedProjects];
        Assert.InRange(projects.Scenario + projects.Bad, 1, projects.Filler / 5);
    }

    [Fact]
    public void Every_applied_factory_and_register_factory_has_a_valid_identifier()
    {
        using var temp = new TempFolder();
        Generate(temp, "in", SampleFormat.Csv, 300, 11);

        string[] identified = ["applications.csv", "funded-projects.csv", "label-register.csv", "titles.csv", "procurement.csv"];
        foreach (var file in identified)
        {
            var table = SampleFiles.Read(temp.Combine("in", file)).Single();
            var column = table.Header.ToList().FindIndex(h => h is "FactoryId" or "SupplierFactoryId");
            var bad = file == "titles.csv" || file == "applications.csv" ? 1 : 0;
            var invalid = table.Rows.Select(r => r[column]).Where(id => id.Length > 0 && !IsFactoryId(id)).ToList();
            Assert.True(invalid.Count <= bad, $"{file}: {string.Join(", ", invalid)}");
        }
    }

    private static bool IsFactoryId(string id) =>
        id.StartsWith('H') ? id.Length == 9 && id[1..].All(char.IsAsciiDigit) : Uscc.IsValid(id);

    [Fact]
    public void A_2027_cycle_takes_every_date_from_its_own_calendar()
    {
        using var temp = new TempFolder();
        Generate(temp, "in", SampleFormat.Csv, 47, 5, Cycle2027);

        var expected = SampleFiles.Read(temp.Combine("in-expected.csv")).Single();
        var applications = SampleFiles.Read(temp.Combine("in", "applications.csv")).Single();
        var scenarioOf = expected.Rows.ToDictionary(r => r[0], r => r[6]);
        foreach (var row in applications.Rows.Where(r => scenarioOf.ContainsKey(r[0])))
        {
            var submitted = DateOnly.Parse(row[applications.Column("SubmittedOn")], System.Globalization.CultureInfo.InvariantCulture);
            var expectedWindow = scenarioOf[row[0]] switch
            {
                "M-new-submitted-early" => (Cycle2027.Opens.AddDays(-1), Cycle2027.Opens.AddDays(-1)),
                "M-new-submitted-late" => (Cycle2027.Closes.AddDays(1), Cycle2027.Closes.AddDays(1)),
                _ => (Cycle2027.Opens, Cycle2027.Closes),
            };
            Assert.InRange(submitted, expectedWindow.Item1, expectedWindow.Item2);
        }

        var register = SampleFiles.Read(temp.Combine("in", "label-register.csv")).Single();
        var awarded = register.Rows.Select(r => r[register.Column("AwardedOn")]).Where(d => d.Length == 10)
            .Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(awarded, d => Assert.InRange(d, Cycle2027.LookbackStart.AddYears(-1), Cycle2027.Opens));
        Assert.Contains(awarded, d => d == new DateOnly(2025, 12, 17));
    }

    [Fact]
    public void The_expected_outcomes_file_cannot_be_written_into_the_input_folder()
    {
        using var temp = new TempFolder();
        var options = new GeneratorOptions(temp.Combine("in"), temp.Combine("in", "expected.csv"), Cycle2025, 10, 1, SampleFormat.Csv);
        Assert.Throws<ArgumentException>(() => CycleGenerator.Generate(options, CancellationToken.None));
    }

    [Fact]
    public async Task The_generate_verb_refuses_a_folder_that_already_holds_files_without_a_stack_trace()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        await File.WriteAllTextAsync(temp.Combine("in", "old.csv"), "x");

        var result = await ProgramRunner.RunAsync(temp.Path, "generate", "--out", "in", "--applications", "5");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not empty", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.Equal(["old.csv"], Directory.GetFiles(temp.Combine("in")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(SampleFormat.Xlsx)]
    [InlineData(SampleFormat.Mixed)]
    public void Every_row_written_to_workbooks_and_csv_files_is_read_back_by_an_independent_reader(SampleFormat format)
    {
        using var temp = new TempFolder();
        var summary = Generate(temp, "in", format, 60, 9);

        var tables = SampleFiles.ReadFolder(temp.Combine("in"));
        Assert.Equal(summary.Rows.Values.Sum(r => r.Total), tables.Sum(t => t.Rows.Count));
        Assert.All(tables, t => Assert.All(t.Rows, row => Assert.True(row.Count <= t.Header.Count)));
    }
}
