using System.Globalization;
using System.Text.RegularExpressions;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Screening;
using BatchCycle.Tests.Panel;

namespace BatchCycle.Tests.Messages;

/// <summary>The message catalogue: complete in its three cultures, and rendering dates, lists and reasons per culture.</summary>
public sealed partial class CatalogueTests
{
    public static TheoryData<CatalogueFile, string> Cultures => new()
    {
        { CatalogueFile.Messages, "zh-Hans" },
        { CatalogueFile.Messages, "zh-Hant" },
        { CatalogueFile.Requirements, "zh-Hans" },
        { CatalogueFile.Requirements, "zh-Hant" },
    };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_entry_exists_in_every_culture_with_the_same_placeholders_and_is_not_empty(CatalogueFile file, string culture)
    {
        var english = Catalogue.Entries(file, Catalogue.English);
        var chinese = Catalogue.Entries(file, CultureInfo.GetCultureInfo(culture));

        Assert.True(english.Count > 30, $"{file}: the neutral resources hold only {english.Count} entries");
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.All(english.Concat(chinese), e => Assert.False(string.IsNullOrEmpty(e.Value), $"{file} {culture}: '{e.Key}' is empty"));
        Assert.All(english, e => Assert.Equal(Placeholders(e.Value), Placeholders(chinese[e.Key])));
    }

    [Fact]
    public void Chinese_entries_use_the_guide_s_words_not_the_program_s_names()
    {
        var codeNames = CodeName();
        foreach (var culture in new[] { Catalogue.Simplified, Catalogue.Traditional })
        {
            foreach (var file in Enum.GetValues<CatalogueFile>())
            {
                Assert.All(Catalogue.Entries(file, culture).Where(e => !e.Key.StartsWith("Section.", StringComparison.Ordinal)), e =>
                    Assert.False(codeNames.IsMatch(e.Value), $"{culture} {e.Key}: '{e.Value}' names the program's internals"));
            }
        }

        Assert.Equal("广东省市级清洁生产审核验收", Catalogue.Name(TitleType.MunicipalCpAudit, Catalogue.Simplified));
        Assert.Equal("实地评估", Catalogue.Name(LabelRoute.OnSiteAssessment, Catalogue.Simplified));
        Assert.Contains("有费方案", Catalogue.Render(Message.Of("Noun.CostOption.Other", 2), Catalogue.Simplified), StringComparison.Ordinal);
        Assert.Contains("示范项目", Catalogue.RequirementName("4.1-I-2", Catalogue.Simplified), StringComparison.Ordinal);
        Assert.Contains("示範項目", Catalogue.RequirementName("4.1-I-2", Catalogue.Traditional), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_requirement_id_the_rules_produce_has_a_name_a_section_and_a_clause()
    {
        // The ids a screening produces depend on the label type and kind only, never on the evidence found.
        var applications = LabelTypes.All.SelectMany(type => new[] { ApplicationKind.New, ApplicationKind.Renewal }
            .Select(kind => PanelSamples.Application($"A-{type}-{kind}", type, "公司", kind, factoryId: "H12345678", registrationNo: "12345678"))).ToList();
        var screenings = Screener.Screen(CycleData.Empty with { Applications = applications }, [], PanelSamples.Calendar);
        var ids = screenings.SelectMany(s => s.Requirements).Select(r => r.Requirement).Distinct().ToList();

        Assert.Equal(Catalogue.RequirementIds.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.All(ids, id =>
        {
            Assert.Matches(@"^\d", Catalogue.RequirementSection(id));
            foreach (var culture in Catalogue.Cultures)
            {
                Assert.False(string.IsNullOrWhiteSpace(Catalogue.RequirementName(id, culture)));
                Assert.False(string.IsNullOrWhiteSpace(Catalogue.RequirementClause(id, culture)));
            }
        });
    }

    [Fact]
    public void Every_value_a_reason_can_name_has_a_word_in_every_culture()
    {
        Enum[] values =
        [
            .. Enum.GetValues<TitleType>().Cast<Enum>(), .. Enum.GetValues<LabelRoute>().Cast<Enum>(), .. Enum.GetValues<ProjectStatus>().Cast<Enum>(),
            .. Enum.GetValues<RegistrationPlace>().Cast<Enum>(), .. Enum.GetValues<LabelType>().Cast<Enum>(), .. Enum.GetValues<RequirementStatus>().Cast<Enum>(),
            .. Enum.GetValues<FactoryRelationship>().Cast<Enum>(), .. Enum.GetValues<Outcome>().Cast<Enum>(), .. Enum.GetValues<ApplicationKind>().Cast<Enum>(),
        ];
        Assert.All(values, value => Assert.All(Catalogue.Cultures, culture => Assert.False(string.IsNullOrWhiteSpace(Catalogue.Name(value, culture)))));
    }

    [Theory]
    [InlineData("en", "submitted 2025-05-14, within 2025-05-14..2025-07-21")]
    [InlineData("zh-Hans", "于2025年5月14日递交，在申请期2025年5月14日至2025年7月21日内")]
    [InlineData("zh-Hant", "於2025年5月14日遞交，在申請期2025年5月14日至2025年7月21日內")]
    public void A_reason_is_rendered_with_the_culture_s_dates(string culture, string expected)
    {
        var reason = Message.Of("Submission.Within", new DateOnly(2025, 5, 14), Message.Of("Window", new DateOnly(2025, 5, 14), new DateOnly(2025, 7, 21)));

        Assert.Equal(expected, Catalogue.Render(reason, CultureInfo.GetCultureInfo(culture)));
    }

    [Theory]
    [InlineData("en", 1, "A")]
    [InlineData("en", 2, "A and B")]
    [InlineData("en", 3, "A, B and C")]
    [InlineData("zh-Hans", 3, "A、B和C")]
    public void Lists_join_the_culture_s_way(string culture, int count, string expected)
    {
        var list = MessageList.Of(ListStyle.And, new object[] { "A", "B", "C" }.Take(count));

        Assert.Equal(expected, Catalogue.Render(list, CultureInfo.GetCultureInfo(culture)));
    }

    [Fact]
    public void Equal_messages_are_equal_values_and_a_missing_key_is_a_bug()
    {
        Assert.Equal(Message.Of("Renewal.Revoked", "2023-M-0001"), Message.Of("Renewal.Revoked", "2023-M-0001"));
        Assert.NotEqual(Message.Of("Renewal.Revoked", "2023-M-0001"), Message.Of("Renewal.Revoked", "2023-M-0002"));
        Assert.Throws<InvalidOperationException>(() => Catalogue.Render(Message.Of("No.Such.Key"), Catalogue.English));
    }

    [Fact]
    public void A_stored_reason_reads_back_the_same_in_every_culture()
    {
        var application = PanelSamples.Application("A-1", LabelType.M, "公司", factoryId: "H12345678", registrationNo: "12345678");
        var screening = Screener.Screen(CycleData.Empty with { Applications = [application] }, [], PanelSamples.Calendar).Single();
        var reasons = screening.Requirements.Select(r => r.Reason)
            .Append(Message.Of("Shareholder.Holds", 50.5m, 30m))
            .Append(Message.Of("Title.Cite", TitleType.GreenFactoryMiit, "GF-1"));

        Assert.All(reasons, reason =>
        {
            var stored = MessageJson.Deserialize(MessageJson.Serialize(reason));
            Assert.All(Catalogue.Cultures, c => Assert.Equal(Catalogue.Render(reason, c), Catalogue.Render(stored, c)));
        });
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("LookbackStart|ReferenceDate|ComplianceStart|ValidityStart|MunicipalCp|ProvincialCp|GreenFactory|SiteCheck|DeclarationSigned|RegistrationNo|FactoryId|ProviderId|SubmittedOn")]
    private static partial Regex CodeName();

    private static List<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];
}
