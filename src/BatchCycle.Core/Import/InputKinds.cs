namespace BatchCycle.Import;

/// <summary>
/// A column of an input kind (docs/inputs.md): its English name and the Chinese names it is also written with.
/// Traditional Chinese, full-width, case, spaces and punctuation need no entries of their own: headers are
/// compared by <see cref="TextFolding.Key"/>.
/// </summary>
public sealed class InputColumn
{
    public InputColumn(string name, bool required, params string[] chineseNames)
    {
        Name = name;
        Required = required;
        ChineseNames = chineseNames;
        // A bilingual header ("Decision 决定", "决定 Decision") names the column too: the panel workbook writes them.
        Keys = new[] { name }.Concat(chineseNames).Concat(chineseNames.SelectMany(c => new[] { $"{name} {c}", $"{c} {name}" }))
            .Select(TextFolding.Key).ToHashSet(StringComparer.Ordinal);
    }

    public string Name { get; }

    public bool Required { get; }

    public IReadOnlyList<string> ChineseNames { get; }

    /// <summary>The folded header texts that name this column.</summary>
    public IReadOnlySet<string> Keys { get; }

    /// <summary>The name as shown in messages: <c>SubmittedOn (递交日期)</c>.</summary>
    public string Display => ChineseNames.Count == 0 ? Name : $"{Name} ({ChineseNames[0]})";
}

/// <summary>One kind of input sheet: the columns its header row must and may have.</summary>
public sealed class InputKind(string name, string countName, params InputColumn[] columns)
{
    /// <summary>The kind as named in messages and in the Kinds of a stored file, e.g. <c>FundedProjects</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The name of the kind's count in the import stage outcome, e.g. <c>fundedProjects</c>.</summary>
    public string CountName { get; } = countName;

    public IReadOnlyList<InputColumn> Columns { get; } = columns;

    public IEnumerable<InputColumn> RequiredColumns => Columns.Where(c => c.Required);

    public InputColumn this[string name] => Columns.Single(c => c.Name == name);

    public override string ToString() => Name;
}

/// <summary>The input kinds of docs/inputs.md, in the order they are listed there.</summary>
public static class InputKinds
{
    public static InputKind Applications { get; } = new(
        "Applications",
        "applications",
        new("ApplicationId", true, "申请编号"),
        new("LabelType", true, "标志类别"),
        new("Kind", true, "申请类别"),
        new("ApplicantName", true, "申请公司名称"),
        new("ApplicantNameEn", false, "英文名称"),
        new("RegistrationPlace", false, "注册地"),
        new("RegistrationNo", false, "商业登记号码"),
        new("ProviderId", false, "技术服务供应商编号"),
        new("FactoryId", false, "工厂编号"),
        new("FactoryName", false, "工厂名称"),
        new("FactoryAddress", false, "工厂地址"),
        new("FactoryCity", false, "工厂所在城市"),
        new("Relationship", false, "与工厂关系"),
        new("HolderStakeInFactoryPct", false, "股东持有内地企业股份%"),
        new("HolderStakeInApplicantPct", false, "股东持有申请公司股份%"),
        new("HolderIsHkResident", false, "股东为香港居民"),
        new("SiteCheck", false, "现场评核结果"),
        new("DeclarationSigned", false, "守法声明"),
        new("ContactName", false, "联络人"),
        new("ContactEmail", false, "电邮"),
        new("SubmittedOn", true, "递交日期"));

    public static InputKind FundedProjects { get; } = new(
        "FundedProjects",
        "fundedProjects",
        new("ProjectRef", true, "项目编号"),
        new("ProjectType", true, "项目类别"),
        new("FactoryId", true, "工厂编号"),
        new("FactoryName", false, "工厂名称"),
        new("ProviderId", false, "技术服务供应商编号"),
        new("RecommendedBy", false, "推荐公司登记号码"),
        new("Status", true, "状态"),
        new("ApprovedOn", false, "批核日期"),
        new("CompletedOn", false, "完成日期"),
        new("GrantHkd", false, "资助金额（港元）"),
        new("PreviouslyDeclaredIn", false, "曾申报年度"));

    public static InputKind ImprovementOptions { get; } = new(
        "ImprovementOptions",
        "improvementOptions",
        new("ProjectRef", true, "项目编号"),
        new("OptionNo", true, "方案编号"),
        new("Cost", true, "方案类别"),
        new("Description", false, "方案内容"),
        new("ReducesVocOrNox", false, "减少VOC或NOx"),
        new("Status", true, "状态"),
        new("CompletedOn", false, "完成日期"),
        new("PreviouslyDeclaredIn", false, "曾申报年度"));

    public static InputKind Violations { get; } = new(
        "Violations",
        "violations",
        new("CaseRef", true, "案件编号"),
        new("Authority", false, "执法机关"),
        new("EntityId", false, "统一社会信用代码/商业登记号码"),
        new("EntityName", true, "单位名称"),
        new("ViolationDate", false, "违法日期"),
        new("PenaltyDate", false, "处罚日期"),
        new("Law", false, "违反法规"),
        new("Penalty", false, "处罚"));

    public static InputKind RegisterLabels { get; } = new(
        "RegisterLabels",
        "registerLabels",
        new("Serial", true, "证书编号"),
        new("LabelType", true, "标志类别"),
        new("HolderName", true, "持有公司"),
        new("HolderRegistrationNo", false, "商业登记号码"),
        new("FactoryId", false, "工厂编号"),
        new("ProviderId", false, "技术服务供应商编号"),
        new("AwardedOn", true, "颁发日期"),
        new("ExpiresOn", false, "届满日期"),
        new("Route", false, "获得途径"),
        new("Revoked", false, "已撤销"),
        new("ContactEmail", false, "电邮"),
        new("ContactName", false, "联络人"));

    public static InputKind Titles { get; } = new(
        "Titles",
        "titles",
        new("FactoryId", true, "工厂编号"),
        new("FactoryName", false, "工厂名称"),
        new("TitleType", true, "称号类别"),
        new("CertificateNo", false, "证书编号"),
        new("IssuedOn", true, "发出日期"),
        new("ValidUntil", false, "有效期至"));

    // docs/inputs.md gives only some Chinese names for the last four kinds; the others are the usual terms of the
    // secretariat's forms (登记 registered, 除名 delisted, 投诉 complaint).
    public static InputKind ServiceProviders { get; } = new(
        "ServiceProviders",
        "serviceProviders",
        new("ProviderId", true, "技术服务供应商编号", "供应商编号"),
        new("ProviderName", true, "供应商名称"),
        new("Status", true, "状态"),
        new("RegisteredOn", false, "登记日期"),
        new("DelistedOn", false, "除名日期"));

    public static InputKind Complaints { get; } = new(
        "Complaints",
        "complaints",
        new("ProviderId", true, "技术服务供应商编号", "供应商编号"),
        new("ReceivedOn", true, "收到日期"),
        new("Kind", false, "投诉类别"),
        new("Substantiated", true, "属实"),
        new("Ref", false, "参考编号"));

    public static InputKind Procurements { get; } = new(
        "Procurements",
        "procurements",
        new("ApplicationId", true, "申请编号"),
        new("SupplierFactoryId", true, "供应商工厂编号"),
        new("SupplierName", false, "供应商名称"),
        new("PeriodFrom", true, "采购期由"),
        new("PeriodTo", false, "采购期至"));

    public static InputKind PanelDecisions { get; } = new(
        "PanelDecisions",
        "panelDecisions",
        new("ApplicationId", true, "申请编号"),
        new("Decision", true, "决定", "评审决定"),
        new("Remarks", false, "备注"));

    public static IReadOnlyList<InputKind> All { get; } =
    [
        Applications, FundedProjects, ImprovementOptions, Violations, RegisterLabels, Titles, ServiceProviders, Complaints, Procurements, PanelDecisions,
    ];
}
