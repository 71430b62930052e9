using System.Globalization;

namespace BatchCycle.Samples;

/// <summary>The file format the generator writes, chosen on the command line.</summary>
public enum SampleFormat
{
    /// <summary>One UTF-8 (BOM) CSV file per kind, English headers, ISO dates.</summary>
    Csv,

    /// <summary>One workbook per kind, English headers, date cells.</summary>
    Xlsx,

    /// <summary>What a secretariat really receives: workbooks with several sheets, CSVs in three encodings, Chinese headers.</summary>
    Mixed,
}

/// <param name="Takes">When set, the sheet holds only the rows of its kind this accepts; the sheets of one kind then
/// split its rows between them (each row goes to exactly one), as when two authorities send their own lists.</param>
public sealed record SheetPlan(SampleKind Kind, string SheetName, SheetStyle Style, Func<object?[], bool>? Takes = null);

/// <summary>One file of the input folder: a workbook of one or more sheets, or a CSV file of one kind.</summary>
public sealed record FilePlan(string FileName, CsvEncoding? Encoding, IReadOnlyList<SheetPlan> Sheets)
{
    public bool IsWorkbook => Encoding is null;
}

/// <summary>Which kinds go to which files in each format.</summary>
public static class SampleLayout
{
    public static IReadOnlyList<FilePlan> For(SampleFormat format, int year) => format switch
    {
        SampleFormat.Csv => [.. Enum.GetValues<SampleKind>().Select(k => new FilePlan(BaseName(k) + ".csv", CsvEncoding.Utf8WithBom, [new SheetPlan(k, BaseName(k), SheetStyle.Plain(false))]))],
        SampleFormat.Xlsx => [.. Enum.GetValues<SampleKind>().Select(k => new FilePlan(BaseName(k) + ".xlsx", null, [new SheetPlan(k, BaseName(k), SheetStyle.Plain(true))]))],
        _ => Mixed(year),
    };

    /// <summary>A case of Hong Kong's Environmental Protection Department rather than of a Guangdong authority.</summary>
    private static bool IsHongKongCase(object?[] violation) => violation[0] is string caseRef && caseRef.StartsWith("EPD/", StringComparison.Ordinal);

    private static string BaseName(SampleKind kind) => kind switch
    {
        SampleKind.Applications => "applications",
        SampleKind.FundedProjects => "funded-projects",
        SampleKind.ImprovementOptions => "improvement-options",
        SampleKind.Violations => "violations",
        SampleKind.RegisterLabels => "label-register",
        SampleKind.Titles => "titles",
        SampleKind.ServiceProviders => "service-providers",
        SampleKind.Complaints => "complaints",
        SampleKind.Procurement => "procurement",
        SampleKind.PanelDecisions => "panel-decisions",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown input kind."),
    };

    /// <summary>
    /// The mix a secretariat's inbox really holds: its own application workbook in simplified Chinese, the
    /// Programme's export in English, the mainland authority's violation list as GB18030 CSV, the Hong Kong label
    /// register in traditional Chinese, and small CSV lists with and without a BOM.
    /// </summary>
    private static List<FilePlan> Mixed(int year) =>
    [
        new(string.Create(CultureInfo.InvariantCulture, $"{year}年度标志申请汇总.xlsx"), null,
        [
            new(SampleKind.Applications, "申请表", new SheetStyle(HeaderLanguage.Simplified, [DateForm.Iso], YesNoForm.ShiFou, DatesAsCells: true, ChineseValues: true)),
            new(SampleKind.Procurement, "采购声明", new SheetStyle(HeaderLanguage.Simplified, [DateForm.Slash, DateForm.Iso], YesNoForm.ShiFou, DatesAsCells: false, ChineseValues: true)),
        ]),
        new("Programme funded projects.xlsx", null,
        [
            new(SampleKind.FundedProjects, "Projects", SheetStyle.Plain(datesAsCells: true)),
            new(SampleKind.ImprovementOptions, "Improvement options", SheetStyle.Plain(datesAsCells: false)),
        ]),
        new("广东省环境违法处罚记录.csv", CsvEncoding.Gb18030,
        [
            new(SampleKind.Violations, "违法处罚记录", new SheetStyle(HeaderLanguage.Simplified, [DateForm.Chinese, DateForm.Slash], YesNoForm.ShiFou, DatesAsCells: false, ChineseValues: true), row => !IsHongKongCase(row)),
        ]),
        new("EPD convictions.xlsx", null,
        [
            new(SampleKind.Violations, "Convictions", SheetStyle.Plain(datesAsCells: true), IsHongKongCase),
        ]),
        new("標誌登記冊 Label register.xlsx", null,
        [
            new(SampleKind.RegisterLabels, "登記冊", new SheetStyle(HeaderLanguage.Traditional, [DateForm.Iso], YesNoForm.Tick, DatesAsCells: true, ChineseValues: false)),
        ]),
        new("titles.csv", CsvEncoding.Utf8WithoutBom,
        [
            new(SampleKind.Titles, "titles", new SheetStyle(HeaderLanguage.English, [DateForm.DayFirst], YesNoForm.YN, DatesAsCells: false, ChineseValues: false)),
        ]),
        new("技术服务供应商名册.csv", CsvEncoding.Utf8WithBom,
        [
            new(SampleKind.ServiceProviders, "技术服务供应商名册", new SheetStyle(HeaderLanguage.Simplified, [DateForm.Slash], YesNoForm.ShiFou, DatesAsCells: false, ChineseValues: true)),
        ]),
        new("complaints.csv", CsvEncoding.Utf8WithBom,
        [
            new(SampleKind.Complaints, "complaints", new SheetStyle(HeaderLanguage.English, [DateForm.Iso, DateForm.DayFirst], YesNoForm.YesNo, DatesAsCells: false, ChineseValues: false)),
        ]),
        new("panel-decisions.xlsx", null,
        [
            new(SampleKind.PanelDecisions, "Decisions", SheetStyle.Plain(datesAsCells: true)),
        ]),
    ];
}
