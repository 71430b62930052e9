using System.Globalization;

namespace BatchCycle.Samples;

/// <summary>How the authority of a city writes a violation record: its name, its case numbering, laws and penalties.</summary>
public static class SampleViolations
{
    private static readonly Dictionary<string, (string Authority, string Prefix)> Authorities = new()
    {
        ["东莞"] = ("东莞市生态环境局", "东环罚"),
        ["深圳"] = ("深圳市生态环境局", "深环罚"),
        ["惠州"] = ("惠州市生态环境局", "惠市环罚"),
        ["佛山"] = ("佛山市生态环境局", "佛环罚"),
        ["中山"] = ("中山市生态环境局", "中环罚"),
        ["江门"] = ("江门市生态环境局", "江环罚"),
    };

    private static readonly (string Law, string Penalty)[] MainlandCases =
    [
        ("《中华人民共和国大气污染防治法》第一百零八条", "罚款人民币5万元，责令改正"),
        ("《中华人民共和国水污染防治法》第八十三条", "罚款人民币20万元"),
        ("《中华人民共和国固体废物污染环境防治法》第一百一十二条", "罚款人民币10万元"),
        ("《中华人民共和国环境影响评价法》第三十一条", "罚款人民币8万元，责令停止建设"),
        ("《排污许可管理条例》第三十四条", "罚款人民币3万元"),
    ];

    private static readonly (string Law, string Penalty)[] HongKongCases =
    [
        ("Air Pollution Control Ordinance (Cap. 311)", "Fine HK$20,000"),
        ("Waste Disposal Ordinance (Cap. 354)", "Fine HK$15,000"),
        ("Water Pollution Control Ordinance (Cap. 358)", "Fine HK$40,000"),
        ("Noise Control Ordinance (Cap. 400)", "Fine HK$8,000"),
    ];

    /// <summary>Authority, case reference (unique by <paramref name="number"/>), law and penalty of a case in <paramref name="city"/>.</summary>
    public static (string Authority, string CaseRef, string Law, string Penalty) Describe(string city, int year, int number)
    {
        if (Authorities.TryGetValue(city, out var authority))
        {
            var (law, penalty) = MainlandCases[number % MainlandCases.Length];
            return (authority.Authority, string.Create(CultureInfo.InvariantCulture, $"{authority.Prefix}〔{year}〕{number}号"), law, penalty);
        }

        var (hkLaw, hkPenalty) = HongKongCases[number % HongKongCases.Length];
        return ("环境保护署 Environmental Protection Department", string.Create(CultureInfo.InvariantCulture, $"EPD/{year}/{number:00000}"), hkLaw, hkPenalty);
    }
}
