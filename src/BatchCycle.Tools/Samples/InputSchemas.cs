namespace BatchCycle.Samples;

/// <summary>The input kinds of docs/inputs.md, in the order the generator writes them.</summary>
public enum SampleKind
{
    Applications,
    FundedProjects,
    ImprovementOptions,
    Violations,
    RegisterLabels,
    Titles,
    ServiceProviders,
    Complaints,
    Procurement,
    PanelDecisions,
}

/// <summary>Which header row a sheet carries: docs/inputs.md accepts English and Chinese (simplified or traditional).</summary>
public enum HeaderLanguage
{
    English,
    Simplified,
    Traditional,
}

/// <summary>
/// One column of an input kind with the header forms docs/inputs.md gives. Where docs/inputs.md gives no Chinese header
/// the English one is written, so a Chinese header row still matches exactly one kind.
/// </summary>
public sealed record SampleColumn(string English, string? Simplified = null, string? Traditional = null)
{
    public string Header(HeaderLanguage language) => language switch
    {
        HeaderLanguage.Simplified => Simplified ?? English,
        HeaderLanguage.Traditional => Traditional ?? Simplified ?? English,
        _ => English,
    };
}

/// <summary>The columns of each input kind, in the order of docs/inputs.md (rows are written in this order).</summary>
public static class InputSchemas
{
    public static IReadOnlyList<SampleColumn> Columns(SampleKind kind) => kind switch
    {
        SampleKind.Applications => Applications,
        SampleKind.FundedProjects => FundedProjects,
        SampleKind.ImprovementOptions => ImprovementOptions,
        SampleKind.Violations => Violations,
        SampleKind.RegisterLabels => RegisterLabels,
        SampleKind.Titles => Titles,
        SampleKind.ServiceProviders => ServiceProviders,
        SampleKind.Complaints => Complaints,
        SampleKind.Procurement => Procurement,
        SampleKind.PanelDecisions => PanelDecisions,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown input kind."),
    };

    private static readonly SampleColumn[] Applications =
    [
        new("ApplicationId", "申请编号"),
        new("LabelType", "标志类别"),
        new("Kind", "申请类别"),
        new("ApplicantName", "申请公司名称"),
        new("ApplicantNameEn", "英文名称"),
        new("RegistrationPlace", "注册地"),
        new("RegistrationNo", "商业登记号码"),
        new("ProviderId", "技术服务供应商编号"),
        new("FactoryId", "工厂编号"),
        new("FactoryName", "工厂名称"),
        new("FactoryAddress", "工厂地址"),
        new("FactoryCity", "工厂所在城市"),
        new("Relationship", "与工厂关系"),
        new("HolderStakeInFactoryPct", "股东持有内地企业股份%"),
        new("HolderStakeInApplicantPct", "股东持有申请公司股份%"),
        new("HolderIsHkResident", "股东为香港居民"),
        new("SiteCheck", "现场评核结果"),
        new("DeclarationSigned", "守法声明"),
        new("ContactName", "联络人"),
        new("ContactEmail", "电邮"),
        new("SubmittedOn", "递交日期"),
    ];

    private static readonly SampleColumn[] FundedProjects =
    [
        new("ProjectRef", "项目编号"),
        new("ProjectType", "项目类别"),
        new("FactoryId", "工厂编号"),
        new("FactoryName", "工厂名称"),
        new("ProviderId", "技术服务供应商编号"),
        new("RecommendedBy", "推荐公司登记号码"),
        new("Status", "状态"),
        new("ApprovedOn", "批核日期"),
        new("CompletedOn", "完成日期"),
        new("GrantHkd", "资助金额（港元）"),
        new("PreviouslyDeclaredIn", "曾申报年度"),
    ];

    private static readonly SampleColumn[] ImprovementOptions =
    [
        new("ProjectRef", "项目编号"),
        new("OptionNo", "方案编号"),
        new("Cost", "方案类别"),
        new("Description", "方案内容"),
        new("ReducesVocOrNox", "减少VOC或NOx"),
        new("Status", "状态"),
        new("CompletedOn", "完成日期"),
        new("PreviouslyDeclaredIn", "曾申报年度"),
    ];

    private static readonly SampleColumn[] Violations =
    [
        new("CaseRef", "案件编号"),
        new("Authority", "执法机关"),
        new("EntityId", "统一社会信用代码/商业登记号码"),
        new("EntityName", "单位名称"),
        new("ViolationDate", "违法日期"),
        new("PenaltyDate", "处罚日期"),
        new("Law", "违反法规"),
        new("Penalty", "处罚"),
    ];

    private static readonly SampleColumn[] RegisterLabels =
    [
        new("Serial", "证书编号", "證書編號"),
        new("LabelType", "标志类别", "標誌類別"),
        new("HolderName", "持有公司", "持有公司"),
        new("HolderRegistrationNo", "商业登记号码", "商業登記號碼"),
        new("FactoryId", "工厂编号", "工廠編號"),
        new("ProviderId", "技术服务供应商编号", "技術服務供應商編號"),
        new("AwardedOn", "颁发日期", "頒發日期"),
        new("ExpiresOn", "届满日期", "屆滿日期"),
        new("Route", "获得途径", "獲得途徑"),
        new("Revoked", "已撤销", "已撤銷"),
        new("ContactEmail", "电邮", "電郵"),
        new("ContactName", "联络人", "聯絡人"),
    ];

    private static readonly SampleColumn[] Titles =
    [
        new("FactoryId", "工厂编号"),
        new("FactoryName", "工厂名称"),
        new("TitleType", "称号类别"),
        new("CertificateNo", "证书编号"),
        new("IssuedOn", "发出日期"),
        new("ValidUntil", "有效期至"),
    ];

    private static readonly SampleColumn[] ServiceProviders =
    [
        new("ProviderId", "技术服务供应商编号"),
        new("ProviderName", "供应商名称"),
        new("Status"),
        new("RegisteredOn"),
        new("DelistedOn"),
    ];

    private static readonly SampleColumn[] Complaints =
    [
        new("ProviderId", "技术服务供应商编号"),
        new("ReceivedOn", "收到日期"),
        new("Kind"),
        new("Substantiated", "属实"),
        new("Ref"),
    ];

    private static readonly SampleColumn[] Procurement =
    [
        new("ApplicationId", "申请编号"),
        new("SupplierFactoryId", "供应商工厂编号"),
        new("SupplierName"),
        new("PeriodFrom", "采购期由"),
        new("PeriodTo", "采购期至"),
    ];

    private static readonly SampleColumn[] PanelDecisions =
    [
        new("ApplicationId", "申请编号"),
        new("Decision"),
        new("Remarks", "备注"),
    ];
}
