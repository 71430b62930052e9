namespace BatchCycle.Cycle;

/// <summary>The four labels of the scheme (guide 1.2); the code is used in serials, files and workbooks.</summary>
public enum LabelType
{
    /// <summary>Manufacturing Partner 粤港清洁生产伙伴（制造业）.</summary>
    M,

    /// <summary>Manufacturing Outstanding Partner 粤港清洁生产优越伙伴（制造业）.</summary>
    E,

    /// <summary>Supply Chain Partner 粤港清洁生产伙伴（供应链）.</summary>
    S,

    /// <summary>Technical Service Partner 粤港清洁生产伙伴（技术服务）.</summary>
    T,
}

/// <summary>Names and validity of each label type.</summary>
public static class LabelTypes
{
    public static IReadOnlyList<LabelType> All { get; } = [LabelType.M, LabelType.E, LabelType.S, LabelType.T];

    public static string ChineseName(LabelType type) => type switch
    {
        LabelType.M => "粤港清洁生产伙伴（制造业）",
        LabelType.E => "粤港清洁生产优越伙伴（制造业）",
        LabelType.S => "粤港清洁生产伙伴（供应链）",
        LabelType.T => "粤港清洁生产伙伴（技术服务）",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown label type."),
    };

    public static string EnglishName(LabelType type) => type switch
    {
        LabelType.M => "Manufacturing Partner",
        LabelType.E => "Manufacturing Outstanding Partner",
        LabelType.S => "Supply Chain Partner",
        LabelType.T => "Technical Service Partner",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown label type."),
    };

    /// <summary>Guide 5.1: manufacturing and supply-chain labels are valid for two years, technical-service labels for one.</summary>
    public static int ValidityYears(LabelType type) => type == LabelType.T ? 1 : 2;

    /// <summary>A label awarded on a day is valid up to the day before the same date <see cref="ValidityYears"/> later.</summary>
    public static DateOnly ExpiresOn(LabelType type, DateOnly awardedOn) => awardedOn.AddYears(ValidityYears(type)).AddDays(-1);

    /// <summary>True when the label is factory-based (M, E), false when it belongs to an applicant (S, T).</summary>
    public static bool IsFactoryLabel(LabelType type) => type is LabelType.M or LabelType.E;
}
