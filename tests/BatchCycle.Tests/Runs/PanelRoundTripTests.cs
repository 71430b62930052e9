using System.Text.Json;
using BatchCycle.Tests.Support;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchCycle.Tests.Runs;

/// <summary>
/// The panel fills in the workbook the run wrote and hands it back under a name of its own; the next run reads
/// the decisions from it, issues the newly approved certificates and keeps every serial already issued.
/// </summary>
public sealed class PanelRoundTripTests
{
    [Fact]
    public async Task Decisions_written_into_the_returned_workbook_take_effect_on_the_next_run()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("in");
        Directory.CreateDirectory(input);
        foreach (var file in Directory.GetFiles(Repo.Samples(2025)))
        {
            File.Copy(file, Path.Combine(input, Path.GetFileName(file)));
        }

        var db = temp.Combine("cycle.db");
        var first = await ProgramRunner.RunAsync(temp.Path, "run", "--input", input, "--out", temp.Combine("out1"), "--db", db, "--as-of", "2025-12-01");
        Assert.True(first.ExitCode == 0, first.StdErr);
        var firstSerials = Certificates(temp.Combine("out1"));
        Assert.DoesNotContain("CPP2025-M-00008", firstSerials.Keys);

        var returned = Path.Combine(input, "panel meeting 2025-11 returned.xlsx");
        File.Copy(temp.Combine("out1", "panel", "2025-panel.xlsx"), returned);
        SetDecision(returned, "CPP2025-M-00008", "Approve");
        File.SetLastWriteTimeUtc(returned, DateTime.UtcNow.AddMinutes(1));

        var second = await ProgramRunner.RunAsync(temp.Path, "run", "--input", input, "--out", temp.Combine("out2"), "--db", db, "--as-of", "2025-12-01");
        Assert.True(second.ExitCode == 0, second.StdErr);
        var secondSerials = Certificates(temp.Combine("out2"));

        Assert.Contains("CPP2025-M-00008", secondSerials.Keys);
        Assert.DoesNotContain(secondSerials["CPP2025-M-00008"], firstSerials.Values);
        foreach (var (application, serial) in firstSerials)
        {
            Assert.Equal(serial, secondSerials[application]);
        }

        // The workbook carried the earlier decisions over, so each of them was replaced by the returned copy.
        using var summary = JsonDocument.Parse(File.ReadAllText(temp.Combine("out2", "run-summary.json")));
        var warnings = summary.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.Contains("CPP2025-M-00001", StringComparison.Ordinal));
        var issues = CsvText.ReadRecords(temp.Combine("out2", "results", "import-issues.csv"));
        Assert.Contains(issues, i => i["File"] == Path.GetFileName(returned) && i["Column"] == "Decision 决定");
    }

    private static Dictionary<string, string> Certificates(string outFolder) =>
        CsvText.ReadRecords(Path.Combine(outFolder, "certificates", "certificates.csv"))
            .ToDictionary(r => r["ApplicationId"], r => r["Serial"], StringComparer.Ordinal);

    /// <summary>Types a decision into the application's row, as the panel would in Excel.</summary>
    private static void SetDecision(string path, string applicationId, string decision)
    {
        using var document = SpreadsheetDocument.Open(path, isEditable: true);
        foreach (var worksheet in document.WorkbookPart!.WorksheetParts)
        {
            var rows = worksheet.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
            var header = rows[0].Elements<Cell>().ToList();
            var decisionColumn = header.FindIndex(c => c.InnerText == "Decision 决定");
            var row = rows.FirstOrDefault(r => r.Elements<Cell>().FirstOrDefault()?.InnerText == applicationId);
            if (decisionColumn < 0 || row is null)
            {
                continue;
            }

            var reference = ColumnName(decisionColumn) + row.RowIndex!.Value;
            var cell = new Cell(new InlineString(new Text(decision))) { CellReference = reference, DataType = CellValues.InlineString };
            var existing = row.Elements<Cell>().FirstOrDefault(c => c.CellReference == reference);
            var after = row.Elements<Cell>().FirstOrDefault(c => ColumnIndex(c.CellReference!) > decisionColumn);
            if (existing is not null)
            {
                row.ReplaceChild(cell, existing);
            }
            else if (after is not null)
            {
                row.InsertBefore(cell, after);
            }
            else
            {
                row.AppendChild(cell);
            }

            worksheet.Worksheet.Save();
            return;
        }

        throw new InvalidOperationException($"{applicationId} is not in the workbook.");
    }

    private static string ColumnName(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : ColumnName((index / 26) - 1) + (char)('A' + (index % 26));

    private static int ColumnIndex(StringValue reference)
    {
        var letters = new string(reference.Value!.TakeWhile(char.IsLetter).ToArray());
        return letters.Aggregate(0, (sum, c) => (sum * 26) + (c - 'A' + 1)) - 1;
    }
}
