using System.Globalization;
using BatchCycle.Tests.Runs;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Cli;

/// <summary>
/// The end of <c>run</c> on input-samples/2025 (output piped, as in CI): the summary's numbers are checked against
/// the result files read back on their own, and the warnings the user must act on are repeated in both languages.
/// </summary>
public sealed class RunSummaryTests(SampleCycleFixture cycle) : IClassFixture<SampleCycleFixture>
{
    [Theory]
    [InlineData("M")]
    [InlineData("E")]
    [InlineData("S")]
    [InlineData("T")]
    public void The_outcomes_of_each_label_type_are_those_of_the_screening_results(string labelType)
    {
        var results = CsvText.ReadRecords(Path.Combine(cycle.Out, "results", "screening-results.csv")).Where(r => r["LabelType"] == labelType).ToList();
        var cells = Row($"│ {labelType} ");

        Assert.Equal(
            [Count(results, "Eligible"), Count(results, "Ineligible"), Count(results, "NeedsReview"), results.Count],
            cells[2..6].Select(Number));
    }

    [Fact]
    public void The_totals_certificates_reminders_and_import_issues_are_those_of_the_output_files()
    {
        var results = CsvText.ReadRecords(Path.Combine(cycle.Out, "results", "screening-results.csv"));
        var reminders = CsvText.ReadRecords(Path.Combine(cycle.Out, "reminders", "reminders.csv"));
        var certificates = CsvText.ReadRecords(Path.Combine(cycle.Out, "certificates", "certificates.csv"));
        var issues = CsvText.ReadRecords(Path.Combine(cycle.Out, "results", "import-issues.csv"));

        Assert.Equal(
            [Count(results, "Eligible"), Count(results, "Ineligible"), Count(results, "NeedsReview"), results.Count],
            Row("所有标志类别")[2..6].Select(Number));
        Assert.NotEmpty(certificates);
        Assert.Equal(certificates.Count, Number(Row("本次运行颁发的证书 Certificates issued by this run")[2]));
        // A first run drafts every reminder of the list, those that cannot be e-mailed (NoEmail) included.
        Assert.Equal(reminders.Count, Number(Row("新草拟的续期提示 Reminders newly drafted")[2]));
        Assert.Equal(reminders.Count(r => r["Status"] == "NoEmail"), Number(Row("没有电邮地址的续期提示 Reminders without an e-mail address")[2]));
        // Rows replaced or read twice across files are notices in the same report, not problems.
        Assert.Equal(
            issues.Count(r => !r["Problem"].StartsWith(BatchCycle.Import.ImportNotices.Prefix, StringComparison.Ordinal)),
            Number(Row("导入问题（未能读取的行或文件） Import issues")[2]));
    }

    [Fact]
    public void The_paths_of_the_workbook_and_the_result_files_are_given_whole()
    {
        foreach (var (label, parts) in new (string, string[])[]
                 {
                     ("评审小组工作簿 Panel workbook", ["panel", "2025-panel.xlsx"]),
                     ("筛选结果 Screening results", ["results", "screening-results.csv"]),
                     ("每项要求的结果 Result of every requirement", ["results", "requirements.csv"]),
                     ("导入问题 Import issues", ["results", "import-issues.csv"]),
                 })
        {
            var path = Path.GetFullPath(Path.Combine([cycle.Out, .. parts]));
            Assert.True(File.Exists(path));
            Assert.Contains($"{label}: {path}", cycle.Result.StdOut, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_loopback_verification_link_and_a_deadline_already_past_are_repeated_in_Chinese_and_English()
    {
        // The sample runs on the shipped settings (VerifyBaseUrl http://127.0.0.1:5080) as of 2025-12-01, after Closes (2025-07-21).
        var summary = Flatten(cycle.Result.StdOut);
        foreach (var expected in new[]
                 {
                     "证书上印有的核实链接指向 http://127.0.0.1:5080",
                     "The verification link printed on the certificates points at http://127.0.0.1:5080",
                     "续期申请截止日期 2025年7月21日（BatchCycle:Cycles:2025:Closes）在本次运行日期 2025年12月1日 已经过去",
                     "The renewal deadline 21 July 2025 (BatchCycle:Cycles:2025:Closes) is already past on the run's date 1 December 2025",
                 })
        {
            Assert.Contains(expected, summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Piped_output_keeps_the_log_lines_of_each_stage()
    {
        foreach (var stage in new[] { "import", "screening", "panel", "certificates", "reminders" })
        {
            Assert.Contains($": {stage} started", cycle.Result.StdErr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_run_with_nothing_to_certify_before_the_deadline_warns_of_neither()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));

        var result = await ProgramRunner.RunAsync(temp.Path, "run", "--input", "in", "--out", "out", "--db", "run.db", "--as-of", "2025-06-01");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("所有标志类别", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("VerifyBaseUrl", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("Closes", result.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://127.8.0.1", true)]
    [InlineData("http://localhost:5080/", true)]
    [InlineData("http://LOCALHOST", true)]
    [InlineData("http://dashboard.localhost", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("https://cpp.example.org.hk/", false)]
    [InlineData("http://192.168.1.20:5080", false)]
    [InlineData("not a url", false)]
    public void A_loopback_address_is_told_apart_from_one_others_can_open(string url, bool loopback) =>
        Assert.Equal(loopback, BatchCycle.Cli.RunReport.IsLoopback(url));

    private static int Count(IEnumerable<Dictionary<string, string>> results, string outcome) => results.Count(r => r["Outcome"] == outcome);

    private static int Number(string cell) => int.Parse(cell.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    /// <summary>The cells of the table row whose line contains <paramref name="text"/>.</summary>
    private string[] Row(string text)
    {
        var line = Assert.Single(cycle.Result.StdOut.Split('\n'), l => l.Contains(text, StringComparison.Ordinal));
        return line.Split('│');
    }

    /// <summary>The text of the warnings panel as sentences: the panel's borders and line breaks taken out.</summary>
    private static string Flatten(string output) => string.Join(' ', output.Split('\n')
        .Select(l => l.Trim().Trim('│').Trim())
        .Where(l => l.Length > 0));
}
