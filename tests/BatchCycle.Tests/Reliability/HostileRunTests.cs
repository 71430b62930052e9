using System.IO.Compression;
using System.Text.Json;
using System.Xml;
using BatchCycle.Tests.Support;
using Xunit.Abstractions;

namespace BatchCycle.Tests.Reliability;

/// <summary>
/// The whole corpus of hostile files in one input folder beside good files, imported by the real program in one
/// run: the run completes, every file's problem is reported in plain words where it is, the good rows are all
/// imported, and memory stays bounded although a zip bomb is among the files.
/// </summary>
public sealed class HostileRunTests(ITestOutputHelper output)
{
    private const long MemoryCeiling = 1024L * 1024 * 1024;

    [Fact]
    public async Task Every_hostile_file_is_reported_in_plain_words_and_the_good_files_are_imported_in_bounded_memory()
    {
        using var temp = new TempFolder();
        var input = Directory.CreateDirectory(temp.Combine("in")).FullName;
        var files = HostileFiles.All.Concat(HostileFiles.Good).ToList();
        foreach (var file in files)
        {
            file.Write(Path.Combine(input, file.Name));
        }

        var (result, peak) = await RunProbe.RunMeasuringPeakMemoryAsync(temp.Path, "run", "--input", "in", "--out", "out", "--db", "run.db", "--year", "2025", "--as-of", "2025-06-01");

        output.WriteLine($"{files.Count} files; peak resident memory of the run {peak / (1024 * 1024)} MB");
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.True(peak is > 0 and < MemoryCeiling, $"peak resident memory {peak / (1024 * 1024)} MB");
        var issues = CsvText.Read(await File.ReadAllTextAsync(temp.Combine("out", "results", "import-issues.csv"))).Skip(1).ToList();
        // Every imported application is screened, so the screening's outcomes name exactly the imported ones.
        var imported = RunProbe.Query(temp.Combine("run.db"), "SELECT ApplicationId FROM ScreeningOutcomes", r => r.GetString(0)).ToHashSet();

        var failures = new List<string>();
        foreach (var file in files)
        {
            var own = issues.Where(i => i[0] == AsWrittenInCsv(file.Name)).ToList();
            failures.AddRange(file.Issues.Where(e => !own.Any(i => Matches(i, e))).Select(e => $"{file.Name}: no issue like {e}; reported: {Describe(own)}"));

            if (file.Issues.Count == 0 && own.Count > 0)
            {
                failures.Add($"{file.Name}: expected to import cleanly; reported: {Describe(own)}");
            }

            failures.AddRange(file.ApplicationIds.Where(id => !imported.Contains(id)).Select(id => $"{file.Name}: application {Short(id)} was not imported"));
        }

        failures.AddRange(issues.Where(i => i[4].Contains("System.", StringComparison.Ordinal) || i[4].Contains("Exception", StringComparison.OrdinalIgnoreCase) || i[4].Contains("   at ", StringComparison.Ordinal))
            .Select(i => $"{i[0]}: the problem shows program internals: {i[4]}"));
        failures.AddRange(issues.Where(i => i.Take(4).Any(f => f.Length > 0 && f[0] is '=' or '+' or '-' or '@')).Select(i => $"a field of the issue of {i[0]} would run as a formula"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // Exactly the expected applications: nothing from a refused file slipped in.
        Assert.Equal(files.SelectMany(f => f.ApplicationIds).Order(StringComparer.Ordinal), imported.Order(StringComparer.Ordinal));
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(temp.Combine("out", "run-summary.json")));
        var counts = summary.RootElement.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "import").GetProperty("counts");
        Assert.Equal((imported.Count, files.Count), (counts.GetProperty("applications").GetInt32(), counts.GetProperty("files").GetInt32()));

        AssertInjectionIsTextInTheWorkbook(Directory.GetFiles(temp.Combine("out", "panel"), "*.xlsx").Single());
    }

    /// <summary>The panel workbook holds formula-like input as typed, in text cells, and no formula anywhere.</summary>
    private static void AssertInjectionIsTextInTheWorkbook(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var xml = XmlReader.Create(entry.Open());
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                Assert.False(xml.LocalName == "f", $"{entry.FullName} holds a formula");
                if (xml.LocalName == "c" && xml.GetAttribute("t") is "inlineStr" or "str" or "s")
                {
                    using var cell = xml.ReadSubtree();
                    texts.Add(string.Concat(ReadTexts(cell)));
                }
            }
        }

        // The import issues sheet names the files and sheets as they are called, formula-like or not.
        Assert.Contains("=HYPERLINK(1).csv", texts);
        Assert.Contains("+SUM(1)", texts);

        // The application sheets list what screening produced: once it runs, the injected names are there, as typed.
        if (texts.Contains("INJ-1"))
        {
            Assert.All(HostileFiles.InjectionStrings, s => Assert.Contains(s, texts));
        }
    }

    private static IEnumerable<string> ReadTexts(XmlReader cell)
    {
        while (cell.Read())
        {
            if (cell is { NodeType: XmlNodeType.Element, LocalName: "t" })
            {
                yield return cell.ReadElementContentAsString();
            }
        }
    }

    /// <summary>A name that starts like a formula is written with an apostrophe in front.</summary>
    private static string AsWrittenInCsv(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;

    private static bool Matches(string[] issue, ExpectedIssue expected) =>
        issue[4].Contains(expected.Problem, StringComparison.OrdinalIgnoreCase)
        && (expected.Sheet is null || issue[1] == AsWrittenInCsv(expected.Sheet))
        && (expected.Row is null || issue[2] == expected.Row.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
        && (expected.Column is null || issue[3] == expected.Column);

    private static string Describe(List<string[]> issues) =>
        issues.Count == 0 ? "nothing" : string.Join(" | ", issues.Select(i => $"[{i[1]}/{i[2]}/{i[3]}] {Short(i[4])}"));

    private static string Short(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
