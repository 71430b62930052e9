using System.Globalization;
using BatchCycle.Import;

namespace BatchCycle.Samples;

/// <summary>A factory of the synthetic cycle: a USCC (Guangdong) or <c>H</c> + BR number (Hong Kong).</summary>
public sealed record SampleFactory(string Id, string Name, string Address, string City);

/// <summary>A Hong Kong company of the synthetic cycle (applicant, label holder, recommender).</summary>
public sealed record SampleCompany(string BrNo, string Name, string NameEn, string ContactName, string ContactEmail);

/// <summary>
/// Realistic, unique identities from a counter. Every identity is a pure function of its counter, so a counter
/// that is never reused gives a name and identifier no other record of the cycle has: scenarios draw from low
/// counters and the bulk filler from a separate high range, so filler can never be mistaken for a scenario's
/// factory (a name-only violation match would otherwise change a scenario's expected outcome).
/// </summary>
public static class SampleIdentities
{
    /// <summary>First counter of the filler range; scenarios never come near it.</summary>
    public const int FillerCounterStart = 40_000_000;

    private static readonly (string Zh, string Division, string[] Districts)[] Cities =
    [
        ("东莞", "441900", ["长安镇", "虎门镇", "塘厦镇", "凤岗镇", "大朗镇"]),
        ("深圳", "440300", ["宝安区", "龙岗区", "光明区", "坪山区"]),
        ("惠州", "441300", ["惠阳区", "博罗县", "惠城区"]),
        ("佛山", "440600", ["南海区", "顺德区", "三水区"]),
        ("中山", "442000", ["火炬开发区", "小榄镇", "坦洲镇"]),
        ("江门", "440700", ["新会区", "鹤山市", "蓬江区"]),
    ];

    private static readonly string[] Roads = ["工业大道", "兴业路", "振兴路", "创业路", "科技东路", "环城北路", "沿江路", "富民路"];

    private static readonly (string Zh, string En)[] Brands =
    [
        ("恒丰", "Hang Fung"), ("宏利", "Wang Lee"), ("永明", "Wing Ming"), ("华盛", "Wah Shing"),
        ("金源", "Kam Yuen"), ("新达", "San Tat"), ("利丰", "Lee Fung"), ("东明", "Tung Ming"),
        ("伟业", "Wai Yip"), ("嘉美", "Ka Mei"), ("信昌", "Shun Cheong"), ("联兴", "Luen Hing"),
        ("德丰", "Tak Fung"), ("泰和", "Tai Wo"), ("宝龙", "Po Lung"), ("永安", "Wing On"),
        ("富达", "Fu Tat"), ("华丰", "Wah Fung"), ("明辉", "Ming Fai"), ("建新", "Kin San"),
        ("景福", "King Fook"), ("祥发", "Cheung Fat"), ("兆丰", "Siu Fung"), ("荣昌", "Wing Cheong"),
        ("大成", "Tai Shing"), ("万邦", "Man Pong"), ("安达", "On Tat"), ("志高", "Chi Ko"),
        ("永泰", "Wing Tai"), ("美华", "Mei Wah"), ("兴业", "Hing Yip"), ("康宁", "Hong Ning"),
    ];

    private static readonly (string Zh, string En)[] Industries =
    [
        ("五金制品", "Metal Products"), ("塑胶制品", "Plastic Products"), ("电子", "Electronics"), ("印刷", "Printing"),
        ("纺织印染", "Textile Dyeing"), ("家具", "Furniture"), ("皮具", "Leather Goods"), ("玩具", "Toys"),
        ("模具", "Moulds"), ("包装材料", "Packaging Materials"), ("精密机械", "Precision Machinery"), ("电镀", "Electroplating"),
        ("制衣", "Garment"), ("化工", "Chemical"), ("光电", "Optoelectronics"), ("陶瓷", "Ceramics"),
    ];

    private static readonly (string Zh, string En)[] Surnames =
    [
        ("陈", "Chan"), ("李", "Lee"), ("黄", "Wong"), ("张", "Cheung"), ("梁", "Leung"), ("林", "Lam"),
        ("刘", "Lau"), ("吴", "Ng"), ("何", "Ho"), ("郭", "Kwok"), ("罗", "Law"), ("邓", "Tang"),
    ];

    private static readonly (string Zh, string En)[] GivenNames =
    [
        ("志明", "Chi Ming"), ("家豪", "Ka Ho"), ("美玲", "Mei Ling"), ("伟强", "Wai Keung"), ("嘉欣", "Ka Yan"),
        ("俊杰", "Chun Kit"), ("淑仪", "Suk Yee"), ("国华", "Kwok Wah"), ("丽华", "Lai Wah"), ("建国", "Kin Kwok"),
    ];

    private static readonly string[] HkDistricts = ["观塘", "葵涌", "荃湾", "屯门", "元朗工业邨", "大埔工业邨", "将军澳工业邨"];

    private static readonly int FactoryCombinations = Cities.Length * Brands.Length * Industries.Length * 2;

    /// <summary>A Guangdong factory with a valid USCC and a name no other counter produces.</summary>
    public static SampleFactory GuangdongFactory(int counter)
    {
        // Filler factories are named "东莞市…" and scenario factories "东莞…", so the two ranges never share a name.
        var filler = counter >= FillerCounterStart;
        var local = filler ? counter - FillerCounterStart : counter;
        var combination = (int)((long)local * 1499 % FactoryCombinations);
        var generation = local / FactoryCombinations;
        var form = combination % 2;
        var industry = Industries[combination / 2 % Industries.Length];
        var brand = Brands[combination / 2 / Industries.Length % Brands.Length];
        var city = Cities[combination / 2 / Industries.Length / Brands.Length];
        var name = city.Zh + (filler ? "市" : "") + brand.Zh + industry.Zh + (form == 0 ? "有限公司" : "厂")
            + (generation > 0 ? string.Create(CultureInfo.InvariantCulture, $"第{generation + 1}分厂") : "");
        var district = city.Districts[counter % city.Districts.Length];
        var address = string.Create(CultureInfo.InvariantCulture, $"广东省{city.Zh}市{district}{Roads[counter / 7 % Roads.Length]}{counter * 37 % 388 + 1}号");
        return new SampleFactory(UsccFor(city.Division, counter), name, address, city.Zh);
    }

    /// <summary>A factory in Hong Kong owned and operated by <paramref name="owner"/> (relationship ii): <c>H</c> + its BR number.</summary>
    public static SampleFactory HongKongFactory(SampleCompany owner, int counter)
    {
        var district = HkDistricts[counter % HkDistricts.Length];
        var address = string.Create(CultureInfo.InvariantCulture, $"香港新界{district}工业街{counter % 60 + 1}号{counter % 20 + 1}楼");
        return new SampleFactory("H" + owner.BrNo, owner.Name + "（" + district + "厂房）", address, "Hong Kong");
    }

    public static SampleCompany HongKongCompany(int counter)
    {
        var combination = (int)((long)counter * 769 % (Brands.Length * Industries.Length * 4));
        var form = combination % 4;
        var industry = Industries[combination / 4 % Industries.Length];
        var brand = Brands[combination / 4 / Industries.Length];
        var (name, nameEn) = form switch
        {
            0 => (brand.Zh + industry.Zh + "有限公司", $"{brand.En} {industry.En} Company Limited"),
            1 => ("香港" + brand.Zh + "贸易有限公司", $"{brand.En} Trading (Hong Kong) Limited"),
            2 => (brand.Zh + "实业（香港）有限公司", $"{brand.En} Industrial (HK) Limited"),
            _ => (brand.Zh + "国际集团有限公司", $"{brand.En} International Holdings Limited"),
        };
        var surname = Surnames[counter % Surnames.Length];
        var given = GivenNames[(counter * 7 + counter / Surnames.Length) % GivenNames.Length];
        var domain = (brand.En + industry.En.Split(' ')[0]).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        var email = string.Create(CultureInfo.InvariantCulture, $"{given.En.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}.{surname.En.ToLowerInvariant()}@{domain}.com.hk");
        return new SampleCompany(BrNumber(counter), name, nameEn, surname.Zh + given.Zh, email);
    }

    /// <summary>A trading name for a violation record of a small business with no registration number on file.</summary>
    public static string UnregisteredBusinessName(int counter)
    {
        var city = Cities[counter % Cities.Length];
        var brand = Brands[counter / Cities.Length % Brands.Length];
        var industry = Industries[counter / Cities.Length / Brands.Length % Industries.Length];
        return city.Zh + city.Districts[counter % city.Districts.Length] + brand.Zh + industry.Zh + "加工场";
    }

    public static string ProviderName(int counter)
    {
        var brand = Brands[(int)((long)counter * 7 % Brands.Length)];
        string[] forms = ["环保科技有限公司", "环境工程顾问有限公司", "节能技术服务有限公司", "清洁生产顾问有限公司"];
        return brand.Zh + forms[counter / Brands.Length % forms.Length];
    }

    /// <summary>8-digit BR number; an affine map modulo 9×10⁷ with a multiplier coprime to it is a bijection, so distinct counters give distinct numbers.</summary>
    public static string BrNumber(int counter) =>
        ((((long)counter * 7_654_321) + 23_456_789) % 90_000_000 + 10_000_000).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A USCC as issued to a company (registration authority 9, type 1), in the modern "MA…" organisation code
    /// form, with the GB 11714 check of the organisation code and the GB 32100 check character.
    /// </summary>
    public static string UsccFor(string division, int counter)
    {
        const int space = 31 * 31 * 31 * 31 * 31 * 31;
        var value = ((long)counter * 7_368_787 + 123_456_789) % space;
        var body = new char[8];
        body[0] = 'M';
        body[1] = 'A';
        for (var i = 7; i >= 2; i--)
        {
            body[i] = Uscc.Alphabet[(int)(value % 31)];
            value /= 31;
        }

        var organisation = new string(body) + OrganisationCodeCheck(body);
        var first17 = "91" + division + organisation;
        return first17 + Uscc.CheckCharacter(first17);
    }

    /// <summary>GB 11714: weights 3,7,9,10,5,8,4,2 over digit/letter values (A = 10); 11 − sum mod 11, 10 → X, 11 → 0.</summary>
    private static char OrganisationCodeCheck(char[] body)
    {
        int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var v = char.IsDigit(body[i]) ? body[i] - '0' : body[i] - 'A' + 10;
            sum += v * weights[i];
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            10 => 'X',
            11 => '0',
            _ => (char)('0' + check),
        };
    }
}
