using System.Text.RegularExpressions;
using BatchCycle.Cycle;
using BatchCycle.Messages;
using BatchCycle.Panel;
using BatchCycle.Tests.Certificates;
using BatchCycle.Tests.Panel;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Runs;

/// <summary>The sample cycle's results in Chinese and English, and its panel workbook as LibreOffice prints it.</summary>
public sealed partial class SampleCycleTests
{
    private static readonly Regex Han = new(@"\p{IsCJKUnifiedIdeographs}", RegexOptions.CultureInvariant);

    /// <summary>Names of the code that a reader must never meet in the Chinese text.</summary>
    private static readonly Regex CodeNames = new(
        "LookbackStart|ReferenceDate|ComplianceStart|ValidityStart|MunicipalCp|ProvincialCp|GreenFactory|SiteCheck|DeclarationSigned|OnSiteAssessment",
        RegexOptions.CultureInvariant);

    private string Workbook => Path.Combine(cycle.Out, "panel", "2025-panel.xlsx");

    [Fact]
    public void Every_ineligible_or_review_application_has_Chinese_reasons_first_in_the_workbook()
    {
        var results = CsvText.ReadRecords(Path.Combine(cycle.Out, "results", "screening-results.csv"))
            .ToDictionary(r => r["ApplicationId"], StringComparer.Ordinal);
        var sheets = WorkbookReaders.ReadWithExcelDataReader(Workbook);
        var checkedRows = 0;
        foreach (var type in LabelTypes.All)
        {
            var rows = sheets[PanelWorkbookWriter.SheetName(type)];
            var reasonsColumn = Array.IndexOf(rows[0], "Reasons 原因");
            Assert.True(reasonsColumn > 0, $"{type}: no Reasons column");
            foreach (var row in rows.Skip(1))
            {
                var result = results[row[0]];
                if (result["Outcome"] == "Eligible")
                {
                    continue;
                }

                var lines = row[reasonsColumn].Split('\n');
                var chinese = result["ReasonsZh"].Split(" | ");
                var english = result["Reasons"].Split(" | ");
                Assert.Equal([.. chinese, .. english], lines);
                Assert.All(chinese, reason =>
                {
                    Assert.Matches(Han, reason);
                    Assert.DoesNotMatch(CodeNames, reason);
                });
                checkedRows++;
            }
        }

        Assert.Equal(results.Values.Count(r => r["Outcome"] != "Eligible"), checkedRows);
    }

    [Fact]
    public void Every_requirement_line_has_its_name_and_note_in_Chinese()
    {
        var lines = CsvText.ReadRecords(Path.Combine(cycle.Out, "results", "requirements.csv"));

        Assert.All(lines, l =>
        {
            Assert.Contains(l["Requirement"], Catalogue.RequirementIds);
            Assert.Equal(Catalogue.RequirementName(l["Requirement"], Catalogue.English), l["RequirementName"]);
            Assert.Matches(Han, l["RequirementNameZh"]);
            Assert.Matches(Han, l["NoteZh"]);
            Assert.DoesNotMatch(CodeNames, l["NoteZh"]);
        });
        Assert.Contains(lines, l => l["NoteZh"].Contains("2025年7月21日", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_M_sheet_prints_on_at_most_three_landscape_A4_pages_with_every_reason_whole()
    {
        using var temp = new TempFolder();
        var copy = temp.Combine("2025-panel.xlsx");
        File.Copy(Workbook, copy);
        var pdf = WorkbookReaders.PrintWithLibreOffice(copy);

        var pages = Poppler.Pages(await Poppler.TextAsync("pdftotext", "-layout", pdf, "-"));
        var sheet = PanelWorkbookWriter.SheetName(LabelType.M);

        // The footer names the sheet on every page (the last line of the page's text).
        static string Footer(string page) => page.Split('\n').Last(l => !string.IsNullOrWhiteSpace(l)).Trim();
        var mPages = pages.Select((text, i) => (text, i)).Where(p => Footer(p.text).StartsWith(sheet, StringComparison.Ordinal)).ToList();
        Assert.InRange(mPages.Count, 1, 3);
        Assert.All(pages, p => Assert.Matches(@"\d+\s*/\s*\d+$", Footer(p)));

        var info = await Poppler.TextAsync("pdfinfo", "-f", "1", "-l", pages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), pdf);
        var sizes = Regex.Matches(info, @"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)").Select(m => (W: double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), H: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(pages.Count, sizes.Count);
        Assert.All(sizes, s => Assert.True(Math.Abs(s.W - 842) < 2 && Math.Abs(s.H - 595) < 2, $"page of {s.W} x {s.H} pt is not landscape A4"));

        // Every reason of the sheet is printed whole: its text, without the line breaks of wrapping, is on the M pages.
        var first = mPages[0].i + 1;
        var last = mPages[^1].i + 1;
        var printed = Regex.Replace(await Poppler.TextAsync("pdftotext", "-raw", "-f", $"{first}", "-l", $"{last}", pdf, "-"), @"\s+", "");
        var rows = WorkbookReaders.ReadWithExcelDataReader(Workbook)[sheet];
        var reasonsColumn = Array.IndexOf(rows[0], "Reasons 原因");
        var reasons = rows.Skip(1).Where(r => reasonsColumn < r.Length).SelectMany(r => r[reasonsColumn].Split('\n')).Where(r => r.Length > 0).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.Contains(Regex.Replace(reason, @"\s+", ""), printed, StringComparison.Ordinal));
    }
}
