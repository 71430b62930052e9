using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Import;

/// <summary>The real program run on a folder of files, its outputs read back with a reader of the test's own.</summary>
public sealed class ImportRunTests
{
    static ImportRunTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task A_run_imports_the_folder_reports_bad_rows_and_lists_every_input_with_its_checksum()
    {
        using var temp = new TempFolder();
        var input = Directory.CreateDirectory(temp.Combine("in")).FullName;

        var book = new XlsxBuilder();
        book.Sheet("Applications").Row("ApplicationId", "LabelType", "Kind", "ApplicantName", "SubmittedOn")
            .Row("A-1", "M", "New", "恒丰五金", new DateTime(2025, 5, 14))
            .Row("A-2", "Z", "New", "X Ltd", new DateTime(2025, 5, 14));
        book.Save(Path.Combine(input, "applications.xlsx"));
        var projects = TestFiles.Csv([
            ["项目编号", "项目类别", "工厂编号", "状态", "完成日期"],
            ["P-1", "实地评估", "H12345678", "已完成", "2024-03-01"],
            ["P-2", "实地评估", "H12345678", "已完成", "2024-03-01"],
            ["P-3", "实地评估", "H12345678", "已完成", "2024年13月1日"],
        ]);
        await File.WriteAllBytesAsync(Path.Combine(input, "projects.csv"), Encoding.GetEncoding("GB18030").GetBytes(projects));
        await File.WriteAllTextAsync(Path.Combine(input, "README.txt"), "notes");
        await File.WriteAllTextAsync(Path.Combine(input, "broken.xlsx"), "not a workbook");

        // Files given at the same time are read in name order (a later-given file is read later).
        foreach (var file in Directory.GetFiles(input))
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2025, 5, 31, 9, 0, 0, DateTimeKind.Utc));
        }

        var result = await ProgramRunner.RunAsync(temp.Path, "run", "--input", "in", "--out", "out", "--db", "run.db", "--as-of", "2025-06-01");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var issues = CsvText.Read(await File.ReadAllTextAsync(temp.Combine("out", "results", "import-issues.csv")));
        Assert.Equal(["File", "Sheet", "Row", "Column", "Problem", "ProblemZh"], issues[0]);
        var rows = issues.Skip(1).Select(r => (r[0], r[1], r[2], r[3])).ToList();
        Assert.Equal(
            [
                ("README.txt", "", "", ""),
                ("applications.xlsx", "Applications", "3", "LabelType"),
                ("broken.xlsx", "", "", ""),
                ("projects.csv", "projects.csv", "4", "完成日期"),
            ],
            rows);
        Assert.Contains(issues, r => r[0] == "broken.xlsx" && r[4].StartsWith("not a readable Excel workbook", StringComparison.Ordinal));

        // Every problem also reads in Chinese (BatchCycle:Language defaults to zh-Hans), not as a copy of the English.
        Assert.All(issues.Skip(1), r => Assert.True(r[5].Any(c => c is >= '\u4e00' and <= '\u9fff') && r[5] != r[4], $"no Chinese for: {r[4]}"));
        Assert.Contains(issues, r => r[3] == "LabelType" && r[5].Contains("不是可识别的", StringComparison.Ordinal) && r[5].EndsWith("该行未导入", StringComparison.Ordinal));
        Assert.Contains(issues, r => r[0] == "broken.xlsx" && r[5].StartsWith("不是可读取的 Excel 工作簿", StringComparison.Ordinal));

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(temp.Combine("out", "run-summary.json")));
        var inputs = summary.RootElement.GetProperty("inputs").EnumerateArray()
            .ToDictionary(i => i.GetProperty("file").GetString()!, i => i.GetProperty("sha256").GetString()!);
        Assert.Equal(4, inputs.Count);
        foreach (var file in Directory.GetFiles(input))
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file))), inputs[Path.GetFileName(file)]);
        }

        var import = summary.RootElement.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "import");
        var counts = import.GetProperty("counts");
        Assert.Equal((1, 2, 4, 4), (counts.GetProperty("applications").GetInt32(), counts.GetProperty("fundedProjects").GetInt32(), counts.GetProperty("issues").GetInt32(), counts.GetProperty("files").GetInt32()));
    }

    [Fact]
    public async Task Of_two_workbooks_opened_side_by_side_the_later_one_still_wins()
    {
        using var temp = new TempFolder();
        var input = Directory.CreateDirectory(temp.Combine("in")).FullName;
        foreach (var (name, applicant, hour) in new[] { ("b-first.xlsx", "Old Name Ltd", 9), ("a-second.xlsx", "New Name Ltd", 10) })
        {
            var book = new XlsxBuilder();
            book.Sheet("Applications").Row("ApplicationId", "LabelType", "Kind", "ApplicantName", "SubmittedOn")
                .Row("A-1", "M", "New", applicant, new DateTime(2025, 5, 14));
            book.Save(Path.Combine(input, name));
            File.SetLastWriteTimeUtc(Path.Combine(input, name), new DateTime(2025, 5, 31, hour, 0, 0, DateTimeKind.Utc));
        }

        var result = await ProgramRunner.RunAsync(temp.Path, "run", "--input", "in", "--out", "out", "--db", "run.db", "--as-of", "2025-06-01");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var issues = CsvText.Read(await File.ReadAllTextAsync(temp.Combine("out", "results", "import-issues.csv")));
        Assert.Equal("a-second.xlsx", Assert.Single(issues.Skip(1))[0]);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(temp.Combine("out", "run-summary.json")));
        var counts = summary.RootElement.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "import").GetProperty("counts");
        Assert.Equal((1, 1), (counts.GetProperty("applications").GetInt32(), counts.GetProperty("rows replaced").GetInt32()));
    }
}
