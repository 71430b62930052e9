using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Panel;
using BatchCycle.Screening;

namespace BatchCycle.Tests.Panel;

/// <summary>Screened applications of several label types, with Chinese names and values that look like formulas.</summary>
public static class PanelSamples
{
    public static CycleCalendar Calendar { get; } = new(2025, new DateOnly(2025, 5, 14), new DateOnly(2025, 7, 21));

    public static Application Application(
        string id,
        LabelType type,
        string applicant,
        ApplicationKind kind = ApplicationKind.New,
        string? applicantEn = null,
        string? factoryId = null,
        string? factoryName = null,
        string? registrationNo = null) =>
        new(id, type, kind, applicant, applicantEn, RegistrationPlace.HK, registrationNo, null, factoryId, factoryName, null, "东莞",
            null, null, null, null, null, true, "陈小姐", "chan@example.com", new DateOnly(2025, 6, 2), new SourceRow("applications.xlsx", "申请", 2));

    public static RequirementResult Line(string requirement, RequirementStatus result, string note, params string[] evidence) =>
        new(requirement, result, evidence, Message.Of("Stored", note));

    public static RequirementResult Route(string requirement, RequirementStatus result, string note, params string[] evidence) =>
        new(requirement, result, evidence, Message.Of("Stored", note)) { IsTopLevel = false };

    /// <summary>Given out of order on purpose: the workbook orders them by label type, then ApplicationId.</summary>
    public static IReadOnlyList<ApplicationScreening> Screenings { get; } =
    [
        new(Application("AP-2025-002", LabelType.M, "东莞市绿源五金制品有限公司", applicantEn: "Green Source Hardware Ltd", factoryId: "91441900MA4W3XYZ1K", factoryName: "绿源五金（东莞）厂"),
        [
            Line("1.4", RequirementStatus.Met, "递交日期在申请期内"),
            Line("DUP", RequirementStatus.Met, "no other application"),
            Line("2.1", RequirementStatus.Met, "relationship (b) wholly owned"),
            Line("4.1-I", RequirementStatus.Met, "two completed projects 两个已完成项目", "P-2023-001", "P-2024-017"),
            Route("4.1-I-1", RequirementStatus.NotMet, "只有1个实地评估项目", "P-2023-001"),
            Route("4.1-I-2", RequirementStatus.Met, "demonstration projects", "P-2023-001", "P-2024-017"),
            Line("4.1-II", RequirementStatus.Met, "no violation since 2024-05-14"),
        ]),
        new(Application("AP-2025-010", LabelType.M, "-2", ApplicationKind.Renewal, factoryId: "H12345678"),
        [
            Line("1.4", RequirementStatus.Met, "in time"),
            Line("REN", RequirementStatus.Unknown, "+3 labels found by name only", "2023-M-0007"),
        ]),
        new(Application("AP-2025-001", LabelType.M, "=1+1", applicantEn: "@SUM(A1)", factoryName: "+3 工厂"),
        [
            Line("1.4", RequirementStatus.Met, "in time"),
            Line("2.1", RequirementStatus.NotMet, "BR number invalid 商业登记号码无效"),
            Line("4.1-I", RequirementStatus.Unknown, "=HYPERLINK(\"http://example.com\")"),
        ]),
        new(Application("AP-2025-020", LabelType.E, "\t=SUM(1,2)", applicantEn: "_x0041_ stays as typed", factoryId: "91440300MA5F00000X"),
        [
            Line("2.2", RequirementStatus.Met, "Hong Kong company"),
            Line("4.2-I", RequirementStatus.NotMet, "no provincial title 无省级称号", "TITLE\r\nwith CR", "line1\nline2"),
        ]),
        new(Application("AP-2025-030", LabelType.S, "深圳市供应链管理有限公司", registrationNo: "87654321"),
        [
            Line("2.3", RequirementStatus.Met, "registered"),
            Line("4.3", RequirementStatus.Met, "three factories", "F-1", "F-2", "F-3"),
            Route("4.3-2", RequirementStatus.Met, "procurement", "F-1", "F-2", "F-3"),
        ]),
    ];

    public static IReadOnlyDictionary<string, PanelDecision> Decisions { get; } = new Dictionary<string, PanelDecision>
    {
        ["AP-2025-002"] = new("AP-2025-002", PanelDecisionValue.Approve, "同意，资料齐全", new SourceRow("panel.xlsx", "M", 2)),
        ["AP-2025-001"] = new("AP-2025-001", PanelDecisionValue.Reject, "=cmd|' /C calc'!A0", new SourceRow("panel.xlsx", "M", 3)),
        ["AP-2025-999"] = new("AP-2025-999", PanelDecisionValue.Defer, "no such application", new SourceRow("panel.xlsx", "M", 4)),
    };

    public static IReadOnlyList<ImportIssue> Issues { get; } =
    [
        new("applications.xlsx", "申请", 7, "SubmittedOn", Message.Of("Text.AsWritten", "'2025-13-01' is not a date")),
        new("violations.csv", "violations.csv", null, null, Message.Of("Text.AsWritten", "-headers match no kind \u0001 (control character)")),
    ];

    public static PanelWorkbook Workbook(DateTimeOffset generatedAt) => new(
        Calendar,
        generatedAt,
        [new PanelSourceFile("violations.csv", new string('b', 64)), new PanelSourceFile("applications.xlsx", new string('a', 64))],
        Issues,
        Screenings,
        Decisions);
}
