using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Tests.Support;
using MimeKit;

namespace BatchCycle.Tests.Reminders;

/// <summary>
/// docs/outputs.md "Languages": a reminder to a holder registered in Hong Kong is in Traditional Chinese and English,
/// to a mainland holder in Simplified Chinese and English. The drafts are read back with MimeKit.
/// </summary>
public sealed class ReminderScriptTests
{
    private static readonly DateOnly ExpiringThisYear = new(2023, 12, 19);

    private static readonly string MainlandUscc = "91440300708461136" + Uscc.CheckCharacter("91440300708461136");

    private static readonly string[] Traditional = ["貴公司", "標誌", "續期準則", "粵港清潔生產夥伴（供應鏈）", "再推薦至少三家", "香港九龍達之路78號生產力大樓"];

    private static readonly string[] Simplified = ["贵公司", "标志", "续期准则", "粤港清洁生产伙伴（供应链）", "再推荐至少三家", "香港九龙达之路78号生产力大楼"];

    private static readonly string[] English = ["Dear ", "Supply Chain Partner", "Renewal requirements:", "For enquiries"];

    [Fact]
    public async Task A_Hong_Kong_holder_reads_Traditional_Chinese_and_a_mainland_holder_Simplified_each_with_English()
    {
        var (hongKong, mainland) = await DraftHongKongAndMainlandAsync();
        Assert.Contains("標誌續期提示", hongKong.Subject, StringComparison.Ordinal);
        Assert.Contains("标志续期提示", mainland.Subject, StringComparison.Ordinal);
        foreach (var body in new[] { hongKong.TextBody, hongKong.HtmlBody })
        {
            AssertScript(body, Traditional, Simplified);
        }

        foreach (var body in new[] { mainland.TextBody, mainland.HtmlBody })
        {
            AssertScript(body, Simplified, Traditional);
        }

        Assert.Contains("lang=\"zh-Hant\"", hongKong.HtmlBody!, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh-Hans\"", mainland.HtmlBody!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Chinese_half_writes_days_as_year_month_day_and_the_English_half_as_before()
    {
        var (hongKong, mainland) = await DraftHongKongAndMainlandAsync();
        foreach (var (body, expires, until) in new[]
        {
            (hongKong.TextBody, "將於 2025年12月18日 屆滿", "請於 "),
            (hongKong.HtmlBody, "將於 <strong>2025年12月18日</strong> 屆滿", "請於 <strong>"),
            (mainland.TextBody, "将于 2025年12月18日 届满", "请于 "),
            (mainland.HtmlBody, "将于 <strong>2025年12月18日</strong> 届满", "请于 <strong>"),
        })
        {
            Assert.NotNull(body);
            Assert.Contains(expires, body, StringComparison.Ordinal);
            Assert.Matches(System.Text.RegularExpressions.Regex.Escape(until) + @"\d{4}年\d{1,2}月\d{1,2}日", body);
            Assert.Contains("expires on ", body, StringComparison.Ordinal);
            Assert.Contains("2025-12-18", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_its_own_templates_a_Hong_Kong_holder_gets_the_default_letter_wholly_in_Simplified_Chinese()
    {
        using var scenario = new ReminderScenario();
        var templates = Path.Combine(scenario.Root, "templates");
        Directory.CreateDirectory(templates);
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "templates")).Where(f => !f.Contains(".zh-Hant.", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(templates, Path.GetFileName(file)));
        }

        scenario.Settings.Templates = templates;

        await scenario.DraftAsync(ReminderScenario.Data([ReminderScenario.Label("2023-S-0001", LabelType.S, ExpiringThisYear, id: "12345678")]));

        var message = await MimeMessage.LoadAsync(scenario.RemindersFolder("2023-S-0001.eml"));
        Assert.Contains("粤港清洁生产伙伴（供应链）", message.Subject, StringComparison.Ordinal);
        AssertScript(message.TextBody, Simplified, Traditional);
    }

    private static void AssertScript(string? body, string[] expected, string[] other)
    {
        Assert.NotNull(body);
        foreach (var text in expected.Concat(English))
        {
            Assert.Contains(text, body, StringComparison.Ordinal);
        }

        foreach (var text in other.Take(4))
        {
            Assert.DoesNotContain(text, body, StringComparison.Ordinal);
        }

        Assert.True(body.IndexOf(expected[0], StringComparison.Ordinal) < body.IndexOf("Dear ", StringComparison.Ordinal), "Chinese comes before English.");
    }

    /// <summary>Drafts the round for one Hong Kong holder (a BR number) and one mainland holder (a USCC) and reads both drafts back.</summary>
    private static async Task<(MimeMessage HongKong, MimeMessage Mainland)> DraftHongKongAndMainlandAsync()
    {
        using var scenario = new ReminderScenario();
        await scenario.DraftAsync(ReminderScenario.Data(
        [
            ReminderScenario.Label("2023-S-0001", LabelType.S, ExpiringThisYear, id: "12345678"),
            ReminderScenario.Label("2023-S-0002", LabelType.S, ExpiringThisYear, id: MainlandUscc),
        ]));

        return (await MimeMessage.LoadAsync(scenario.RemindersFolder("2023-S-0001.eml")),
            await MimeMessage.LoadAsync(scenario.RemindersFolder("2023-S-0002.eml")));
    }
}
