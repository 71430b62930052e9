using System.Collections.Concurrent;
using System.Collections.Frozen;
using BatchCycle.Cycle;

namespace BatchCycle.Import;

/// <summary>
/// The accepted spellings of one coded column: the English code, its Chinese form(s), compared by
/// <see cref="TextFolding.Key"/> so that <c>On-site assessment</c>, <c>onsiteassessment</c> and 實地評估 all read.
/// </summary>
public sealed class CodeTable<T>
    where T : struct, Enum
{
    private const int MemoLimit = 4096;

    private readonly FrozenDictionary<string, T> byKey;
    private readonly ConcurrentDictionary<string, (bool Found, T Value)> read = new(StringComparer.Ordinal);

    public CodeTable(params (T Value, string[] Names)[] entries)
    {
        var table = new Dictionary<string, T>();
        foreach (var (value, names) in entries)
        {
            foreach (var name in names.Prepend(value.ToString()))
            {
                table[TextFolding.Key(name)] = value;
            }
        }

        byKey = table.ToFrozenDictionary();
        Expected = string.Join(" / ", entries.Select(e => e.Names.Length == 0 || e.Names[0].Any(char.IsAsciiLetter) ? e.Value.ToString() : $"{e.Value} {e.Names[0]}"));
    }

    /// <summary>The codes as listed in messages: <c>New 新申请 / Renewal 续期</c>.</summary>
    public string Expected { get; init; }

    public bool TryRead(string text, out T value)
    {
        // A coded column holds a handful of spellings on millions of rows: each is folded once. The memo stops
        // growing at its limit, so a column of free text cannot fill memory.
        if (read.TryGetValue(text, out var known))
        {
            value = known.Value;
            return known.Found;
        }

        var found = byKey.TryGetValue(TextFolding.Key(text), out value);
        if (read.Count < MemoLimit)
        {
            read.TryAdd(text, (found, value));
        }

        return found;
    }
}

/// <summary>The code tables of docs/inputs.md; Chinese forms not given there are the terms of the scheme guide.</summary>
public static class Codes
{
    public static CodeTable<LabelType> LabelTypes { get; } = new(
        [.. Cycle.LabelTypes.All.Select(t => (t, new[] { Cycle.LabelTypes.ChineseName(t), Cycle.LabelTypes.EnglishName(t) }))])
    {
        Expected = "M / E / S / T (or the label's English or Chinese name)",
    };

    public static CodeTable<ApplicationKind> ApplicationKinds { get; } = new(
        (ApplicationKind.New, ["新申请"]),
        (ApplicationKind.Renewal, ["续期", "续期申请"]));

    public static CodeTable<RegistrationPlace> RegistrationPlaces { get; } = new(
        (RegistrationPlace.HK, ["香港", "Hong Kong"]),
        (RegistrationPlace.Mainland, ["内地", "中国内地"]),
        (RegistrationPlace.Overseas, ["海外"]));

    /// <summary>Guide footnote 4: (a) to (d) for a mainland factory, (ii) for the applicant's own factory in Hong Kong.</summary>
    public static CodeTable<FactoryRelationship> Relationships { get; } = new(
        (FactoryRelationship.A, []),
        (FactoryRelationship.B, []),
        (FactoryRelationship.C, []),
        (FactoryRelationship.D, []),
        (FactoryRelationship.HongKongOwned, ["ii"]))
    {
        Expected = "a / b / c / d / ii",
    };

    public static CodeTable<SiteCheckResult> SiteChecks { get; } = new(
        (SiteCheckResult.Pass, ["通过", "合格"]),
        (SiteCheckResult.Fail, ["不通过", "不合格"]));

    public static CodeTable<ProjectType> ProjectTypes { get; } = new(
        (ProjectType.OnSiteAssessment, ["实地评估"]),
        (ProjectType.DemonstrationProject, ["示范项目"]),
        (ProjectType.Verification, ["核证"]));

    public static CodeTable<ProjectStatus> ProjectStatuses { get; } = new(
        (ProjectStatus.Approved, ["已批核", "批核"]),
        (ProjectStatus.InProgress, ["进行中"]),
        (ProjectStatus.Completed, ["已完成", "完成"]),
        (ProjectStatus.Withdrawn, ["已撤回", "撤回"]),
        (ProjectStatus.Rejected, ["不获批", "已拒绝"]));

    public static CodeTable<OptionCost> OptionCosts { get; } = new(
        (OptionCost.NoCost, ["无费"]),
        (OptionCost.Cost, ["有费"]));

    public static CodeTable<OptionStatus> OptionStatuses { get; } = new(
        (OptionStatus.Completed, ["已完成"]),
        (OptionStatus.Planned, ["计划执行"]),
        (OptionStatus.NotPlanned, ["不执行"]));

    public static CodeTable<LabelRoute> Routes { get; } = new(
        (LabelRoute.OnSiteAssessment, ["实地评估"]),
        (LabelRoute.DemonstrationProjects, ["示范项目"]),
        (LabelRoute.Audit, ["清洁生产审核", "审核"]),
        (LabelRoute.PriorLabels, ["过往标志"]),
        (LabelRoute.Title, ["称号"]),
        (LabelRoute.Recommendation, ["推荐"]),
        (LabelRoute.Procurement, ["采购"]),
        (LabelRoute.Projects, ["项目"]));

    public static CodeTable<TitleType> TitleTypes { get; } = new(
        (TitleType.MunicipalCpAudit, ["市级清洁生产审核验收"]),
        (TitleType.MunicipalCpEnterprise, ["市级清洁生产企业"]),
        (TitleType.ProvincialCpEnterprise, ["广东省清洁生产企业"]),
        (TitleType.GreenFactoryMiit, ["工信部绿色工厂"]),
        (TitleType.GreenFactoryProvincial, ["广东省绿色工厂"]));

    public static CodeTable<ProviderStatus> ProviderStatuses { get; } = new(
        (ProviderStatus.Registered, ["已登记", "登记"]),
        (ProviderStatus.Delisted, ["已除名", "除名"]));

    public static CodeTable<ComplaintKind> ComplaintKinds { get; } = new(
        (ComplaintKind.ClientComplaint, ["客户投诉"]),
        (ComplaintKind.PoorServiceReport, ["服务欠佳报告"]));

    public static CodeTable<PanelDecisionValue> Decisions { get; } = new(
        (PanelDecisionValue.Approve, ["批准", "Approved"]),
        (PanelDecisionValue.Reject, ["不批准", "Rejected"]),
        (PanelDecisionValue.Defer, ["押后", "Deferred"]));
}
