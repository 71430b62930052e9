using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Import;

/// <summary>Every input kind read from CSV and from .xlsx, with English, simplified and traditional Chinese headers.</summary>
public sealed class InputKindTests
{
    private const string ValidUscc = "91350100M000100Y43";

    private static readonly DateTime May14 = new(2025, 5, 14);

    /// <summary>Per kind: the headers (English, then simplified Chinese as docs/inputs.md writes them), one row, and what must be read.</summary>
    private static readonly Dictionary<string, (string[] English, string[] Chinese, object?[] Row, Action<CycleData> Check)> Samples = new()
    {
        ["Applications"] = (
            ["ApplicationId", "Label Type", "kind", "Applicant_Name", "RegistrationNo", "FactoryId", "Relationship", "HolderStakeInFactoryPct", "DeclarationSigned", "SubmittedOn"],
            ["申请编号", "标志类别", "申请类别", "申请公司名称", "商业登记号码", "工厂编号", "与工厂关系", "股东持有内地企业股份%", "守法声明", "递交日期"],
            [" a-2025-001 ", "M", "新申请", "恒丰五金有限公司", "12345678-000-05-25-A", ValidUscc.ToLowerInvariant(), "b", "51%", "是", May14],
            data =>
            {
                var a = Assert.Single(data.Applications);
                Assert.Equal(("A-2025-001", LabelType.M, ApplicationKind.New, "恒丰五金有限公司"), (a.ApplicationId, a.LabelType, a.Kind, a.ApplicantName));
                Assert.Equal((RegistrationPlace.HK, "12345678", ValidUscc), (a.RegistrationPlace!.Value, a.RegistrationNo, a.FactoryId));
                Assert.Equal((FactoryRelationship.B, 51m, true), (a.Relationship!.Value, a.HolderStakeInFactoryPct!.Value, a.DeclarationSigned!.Value));
                Assert.Equal(new DateOnly(2025, 5, 14), a.SubmittedOn);
            }),
        ["FundedProjects"] = (
            ["ProjectRef", "ProjectType", "FactoryId", "ProviderId", "Status", "CompletedOn", "GrantHkd", "PreviouslyDeclaredIn"],
            ["项目编号", "项目类别", "工厂编号", "技术服务供应商编号", "状态", "完成日期", "资助金额（港元）", "曾申报年度"],
            ["p-1", "实地评估", "h12345678", "tsp-01", "Completed", May14, "HK$1,234.50", "2023"],
            data =>
            {
                var p = Assert.Single(data.FundedProjects);
                Assert.Equal(("P-1", ProjectType.OnSiteAssessment, "H12345678", "TSP-01"), (p.ProjectRef, p.ProjectType, p.FactoryId, p.ProviderId));
                Assert.Equal((ProjectStatus.Completed, new DateOnly(2025, 5, 14), 1234.50m, 2023), (p.Status, p.CompletedOn!.Value, p.GrantHkd!.Value, p.PreviouslyDeclaredIn!.Value));
            }),
        ["ImprovementOptions"] = (
            ["ProjectRef", "OptionNo", "Cost", "ReducesVocOrNox", "Status", "CompletedOn"],
            ["项目编号", "方案编号", "方案类别", "减少VOC或NOx", "状态", "完成日期"],
            ["P-1", 2, "无费", "Y", "已完成", May14],
            data =>
            {
                var o = Assert.Single(data.ImprovementOptions);
                Assert.Equal(("P-1", "2", OptionCost.NoCost, true), (o.ProjectRef, o.OptionNo, o.Cost, o.ReducesVocOrNox!.Value));
                Assert.Equal((OptionStatus.Completed, new DateOnly(2025, 5, 14)), (o.Status, o.CompletedOn!.Value));
            }),
        ["Violations"] = (
            ["CaseRef", "Authority", "EntityId", "EntityName", "PenaltyDate"],
            ["案件编号", "执法机关", "统一社会信用代码/商业登记号码", "单位名称", "处罚日期"],
            ["c-9", "东莞市生态环境局", "12345678-000-05-25-A", "恒丰", "2024年3月1日"],
            data =>
            {
                var v = Assert.Single(data.Violations);
                Assert.Equal(("C-9", "东莞市生态环境局", "12345678", "恒丰"), (v.CaseRef, v.Authority, v.EntityId, v.EntityName));
                Assert.Equal((null, new DateOnly(2024, 3, 1)), (v.ViolationDate, v.PenaltyDate!.Value));
            }),
        ["RegisterLabels"] = (
            ["Serial", "LabelType", "HolderName", "HolderRegistrationNo", "AwardedOn", "Revoked"],
            ["证书编号", "标志类别", "持有公司", "商业登记号码", "颁发日期", "已撤销"],
            ["2023-m-001", "Manufacturing Partner", "恒丰", 1234567, new DateTime(2023, 7, 1), "N"],
            data =>
            {
                var l = Assert.Single(data.RegisterLabels);
                Assert.Equal(("2023-M-001", LabelType.M, "恒丰", "01234567"), (l.Serial, l.LabelType, l.HolderName, l.HolderRegistrationNo));
                Assert.Equal((new DateOnly(2023, 7, 1), new DateOnly(2025, 6, 30), false), (l.AwardedOn, l.ExpiresOn, l.Revoked));
            }),
        ["Titles"] = (
            ["FactoryId", "TitleType", "IssuedOn", "ValidUntil"],
            ["工厂编号", "称号类别", "发出日期", "有效期至"],
            [ValidUscc, "广东省清洁生产企业", May14, null],
            data =>
            {
                var t = Assert.Single(data.Titles);
                Assert.Equal((ValidUscc, TitleType.ProvincialCpEnterprise, new DateOnly(2025, 5, 14), (DateOnly?)null), (t.FactoryId, t.TitleType, t.IssuedOn, t.ValidUntil));
            }),
        ["ServiceProviders"] = (
            ["ProviderId", "ProviderName", "Status", "RegisteredOn"],
            ["技术服务供应商编号", "供应商名称", "状态", "登记日期"],
            ["tsp-01", "绿色顾问有限公司", "Registered", May14],
            data =>
            {
                var p = Assert.Single(data.ServiceProviders);
                Assert.Equal(("TSP-01", "绿色顾问有限公司", ProviderStatus.Registered, new DateOnly(2025, 5, 14)), (p.ProviderId, p.ProviderName, p.Status, p.RegisteredOn!.Value));
            }),
        ["Complaints"] = (
            ["ProviderId", "ReceivedOn", "Kind", "Substantiated"],
            ["技术服务供应商编号", "收到日期", "投诉类别", "属实"],
            ["TSP-01", May14, "ClientComplaint", null],
            data =>
            {
                var c = Assert.Single(data.Complaints);
                Assert.Equal(("TSP-01", new DateOnly(2025, 5, 14), ComplaintKind.ClientComplaint, (bool?)null), (c.ProviderId, c.ReceivedOn, c.Kind!.Value, c.Substantiated));
            }),
        ["Procurements"] = (
            ["ApplicationId", "SupplierFactoryId", "PeriodFrom"],
            ["申请编号", "供应商工厂编号", "采购期由"],
            ["s-1", ValidUscc, May14],
            data =>
            {
                var p = Assert.Single(data.Procurements);
                Assert.Equal(("S-1", ValidUscc, new DateOnly(2025, 5, 14), (DateOnly?)null), (p.ApplicationId, p.SupplierFactoryId, p.PeriodFrom, p.PeriodTo));
            }),
        ["PanelDecisions"] = (
            ["ApplicationId", "Decision", "Remarks"],
            ["申请编号", "决定", "备注"],
            ["A-1", "押后", "需补交资料"],
            data =>
            {
                var d = Assert.Single(data.PanelDecisions);
                Assert.Equal(("A-1", PanelDecisionValue.Defer, "需补交资料"), (d.ApplicationId, d.Decision, d.Remarks));
            }),
    };

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var kind in InputKinds.All)
        {
            foreach (var format in new[] { "csv", "xlsx" })
            {
                foreach (var language in new[] { "en", "zh-Hans", "zh-Hant" })
                {
                    data.Add(kind.Name, format, language);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_kind_is_read_from_csv_and_xlsx_with_english_or_chinese_headers(string kind, string format, string language)
    {
        var (english, chinese, row, check) = Samples[kind];
        var headers = language switch
        {
            "en" => english,
            "zh-Hans" => chinese,
            _ => [.. chinese.Select(TestFiles.Traditional)],
        };
        object?[] header = [.. headers];
        var fileName = $"{kind}.{format}";
        var content = format == "csv"
            ? TestFiles.Utf8Csv([header, row])
            : Workbook(header, row);

        var import = TestFiles.Import((fileName, content));

        Assert.Empty(import.Issues);
        check(import.ToCycleData());
    }

    [Fact]
    public void Traditional_headers_in_the_samples_really_differ_from_the_simplified_ones() =>
        Assert.Equal("申請編號", TestFiles.Traditional("申请编号"));

    [Fact]
    public void The_header_may_follow_a_title_and_blank_rows_and_the_row_numbers_are_those_of_excel()
    {
        var book = new XlsxBuilder();
        book.Sheet("申請").Row("2025 年度申請").RowAt(4, "ApplicationId", "LabelType", "Kind", "ApplicantName", "SubmittedOn")
            .Row("A-1", "Q", "New", "X", May14);

        var import = TestFiles.Import(("apps.xlsx", book.ToBytes()));

        var issue = Assert.Single(import.Issues);
        Assert.Equal(("apps.xlsx", "申請", 5, "LabelType"), (issue.File, issue.Sheet, issue.Row!.Value, issue.Column));
    }

    [Fact]
    public void Unknown_columns_are_ignored_and_a_workbook_may_hold_several_kinds_on_hidden_sheets_too()
    {
        var book = new XlsxBuilder();
        book.Sheet("Apps").Row("Notes", "ApplicationId", "LabelType", "Kind", "ApplicantName", "SubmittedOn").Row("call back", "A-1", "T", "Renewal", "X", May14);
        book.Sheet("Providers", hidden: true).Row("ProviderId", "ProviderName", "Status").Row("TSP-1", "P", "Delisted");

        var import = TestFiles.Import(("cycle.xlsx", book.ToBytes()));

        Assert.Empty(import.Issues);
        var data = import.ToCycleData();
        Assert.Equal(new SourceRow("cycle.xlsx", "Apps", 2), Assert.Single(data.Applications).Source);
        Assert.Equal(ProviderStatus.Delisted, Assert.Single(data.ServiceProviders).Status);
    }

    private static byte[] Workbook(object?[] header, object?[] row)
    {
        var book = new XlsxBuilder();
        book.Sheet("Sheet1").Row(header).Row(row);
        return book.ToBytes();
    }

    [Fact]
    public void Every_kind_has_a_sample() =>
        Assert.Equal(InputKinds.All.Select(k => k.Name).Order(), Samples.Keys.Order());
}
