using System.Text;
using BatchCycle.Import;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Samples;

/// <summary>The committed input-samples/2025 folder: made by the generator, readable, and as varied as a real inbox.</summary>
public sealed class InputSamplesTests
{
    /// <summary>The command that made the committed samples (input-samples/README.md gives the same).</summary>
    private static readonly string[] GenerateArguments = ["--applications", "47", "--seed", "2025", "--format", "mixed", "--year", "2025"];

    private static string Folder => Repo.Samples(2025);

    private static string ExpectedFile => Path.Combine(Repo.Root, "input-samples", "2025-expected.csv");

    /// <summary>The required columns of each kind in docs/inputs.md, each with the header forms accepted for it.</summary>
    private static readonly Dictionary<string, string[][]> RequiredColumns = new()
    {
        ["Applications"] = [["ApplicationId", "申请编号"], ["LabelType", "标志类别"], ["Kind", "申请类别"], ["ApplicantName", "申请公司名称"], ["SubmittedOn", "递交日期"]],
        ["FundedProjects"] = [["ProjectRef", "项目编号"], ["ProjectType", "项目类别"], ["FactoryId", "工厂编号"], ["Status", "状态"]],
        ["ImprovementOptions"] = [["ProjectRef", "项目编号"], ["OptionNo", "方案编号"], ["Cost", "方案类别"], ["Status", "状态"]],
        ["Violations"] = [["CaseRef", "案件编号"], ["EntityName", "单位名称"]],
        ["RegisterLabels"] = [["Serial", "证书编号", "證書編號"], ["LabelType", "标志类别", "標誌類別"], ["HolderName", "持有公司"], ["AwardedOn", "颁发日期", "頒發日期"]],
        ["Titles"] = [["FactoryId", "工厂编号"], ["TitleType", "称号类别"], ["IssuedOn", "发出日期"]],
        ["ServiceProviders"] = [["ProviderId", "技术服务供应商编号"], ["ProviderName", "供应商名称"], ["Status"]],
        ["Complaints"] = [["ProviderId", "技术服务供应商编号"], ["ReceivedOn", "收到日期"], ["Substantiated", "属实"]],
        ["Procurement"] = [["ApplicationId", "申请编号"], ["SupplierFactoryId", "供应商工厂编号"], ["PeriodFrom", "采购期由"]],
        ["PanelDecisions"] = [["ApplicationId", "申请编号"], ["Decision"]],
    };

    private static List<string> KindsOf(SampleTable table) =>
        [.. RequiredColumns.Where(kind => kind.Value.All(forms => forms.Any(table.Header.Contains))).Select(kind => kind.Key)];

    [Fact]
    public async Task The_committed_samples_are_exactly_what_the_generator_makes()
    {
        using var temp = new TempFolder();
        var result = await ProgramRunner.RunAsync(temp.Path, ["generate", "--out", "2025", .. GenerateArguments, "--expected", "2025-expected.csv"]);
        Assert.True(result.ExitCode == 0, result.StdErr);

        var committed = Directory.GetFiles(Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var generated = Directory.GetFiles(temp.Combine("2025")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(generated, committed);
        foreach (var file in generated)
        {
            Assert.True(
                File.ReadAllBytes(temp.Combine("2025", file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(Folder, file!))),
                $"input-samples/2025/{file} is not what the generator makes now: regenerate the samples (input-samples/README.md).");
        }

        Assert.Equal(File.ReadAllBytes(temp.Combine("2025-expected.csv")), File.ReadAllBytes(ExpectedFile));
    }

    [Fact]
    public void Every_sheet_is_readable_and_of_exactly_one_kind_and_every_kind_is_there()
    {
        var tables = SampleFiles.ReadFolder(Folder);

        foreach (var table in tables)
        {
            Assert.True(KindsOf(table).Count == 1, $"{table.File} [{table.Sheet}] matches {string.Join(", ", KindsOf(table))}.");
            Assert.NotEmpty(table.Rows);
            Assert.All(table.Rows, row => Assert.True(row.Count <= table.Header.Count, $"{table.File}: a row is wider than its header."));
        }

        Assert.Equal(RequiredColumns.Keys.Order(), tables.SelectMany(KindsOf).Distinct().Order());
    }

    [Fact]
    public void The_files_come_in_every_encoding_header_language_and_value_form_of_the_spec()
    {
        var csv = Directory.GetFiles(Folder, "*.csv").Select(File.ReadAllBytes).ToList();
        Assert.Contains(csv, b => b is [0xEF, 0xBB, 0xBF, ..]);
        Assert.Contains(csv, b => b is not [0xEF, 0xBB, 0xBF, ..] && IsUtf8(b));
        Assert.Contains(csv, b => !IsUtf8(b));

        var tables = SampleFiles.ReadFolder(Folder);
        var headers = tables.SelectMany(t => t.Header).ToHashSet();
        Assert.Contains("ApplicationId", headers);
        Assert.Contains("申请编号", headers);
        Assert.Contains("證書編號", headers);

        var cells = tables.SelectMany(t => t.Rows).SelectMany(r => r).ToHashSet();
        string[] forms = ["是", "否", "✓", "✗", "Y", "N", "Yes", "No", "新申请", "续期"];
        Assert.All(forms, form => Assert.Contains(form, cells));
        Assert.Contains(cells, c => System.Text.RegularExpressions.Regex.IsMatch(c, @"^\d{4}年\d{1,2}月\d{1,2}日$"));
        Assert.Contains(cells, c => System.Text.RegularExpressions.Regex.IsMatch(c, @"^\d{4}/\d{1,2}/\d{1,2}$"));
        Assert.Contains(cells, c => System.Text.RegularExpressions.Regex.IsMatch(c, @"^\d{2}/\d{2}/\d{4}$"));
        Assert.Contains(cells, c => System.Text.RegularExpressions.Regex.IsMatch(c, @"^\d{4}-\d{2}-\d{2}$"));
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    [Fact]
    public void Every_expected_application_is_in_the_applications_sheet_with_valid_identifiers()
    {
        var expected = SampleFiles.Read(ExpectedFile).Single();
        var applications = SampleFiles.ReadFolder(Folder).Single(t => KindsOf(t).SequenceEqual(["Applications"]));
        var ids = applications.Rows.Select(r => r[applications.Column("申请编号")]).ToHashSet();
        Assert.All(expected.Rows, row => Assert.Contains(row[0], ids));
        Assert.Equal(expected.Rows.Count + 1, applications.Rows.Count);

        var factories = applications.Rows.Select(r => r[applications.Column("工厂编号")]).Where(id => id.Length > 0).ToList();
        Assert.All(factories, id => Assert.True(id.StartsWith('H') ? id.Length == 9 : Uscc.IsValid(id), id));
        Assert.Contains(factories, id => id.StartsWith('H'));
    }

    [Fact]
    public void The_expected_outcomes_cover_every_label_type_new_and_renewal_and_every_outcome_and_the_readme_tells_each_story()
    {
        var expected = SampleFiles.Read(ExpectedFile).Single();
        Assert.Equal(["ApplicationId", "LabelType", "Kind", "Outcome", "NotMet", "Unknown", "Scenario"], expected.Header);
        foreach (var type in new[] { "M", "E", "S", "T" })
        {
            foreach (var kind in new[] { "New", "Renewal" })
            {
                Assert.Contains(expected.Rows, r => r[1] == type && r[2] == kind && r[3] == "Eligible");
            }

            Assert.Contains(expected.Rows, r => r[1] == type && r[3] == "Ineligible");
        }

        Assert.Contains(expected.Rows, r => r[3] == "NeedsReview");
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "input-samples", "README.md"));
        Assert.All(expected.Rows, r => Assert.Contains($"`{r[6]}`", readme));
    }
}
