using BatchCycle.Cycle;
using BatchCycle.Messages;
using BatchCycle.Panel;
using BatchCycle.Tests.Panel;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Messages;

/// <summary><c>BatchCycle:Language</c>: which Chinese the results carry, or a workbook in English only.</summary>
public sealed class LanguageSettingTests
{
    [Theory]
    [InlineData("zh-Hans", "zh-Hans,en", "zh-Hans")]
    [InlineData(" ZH-HANT ", "zh-Hant,en", "zh-Hant")]
    [InlineData("en", "en", "zh-Hans")]
    public void The_setting_chooses_the_workbook_s_languages_and_the_Chinese_of_the_result_files(string language, string workbook, string chinese)
    {
        var settings = new BatchCycleSettings { Language = language };

        Assert.Equal(workbook, string.Join(',', settings.WorkbookCultures().Select(c => c.Name)));
        Assert.Equal(chinese, settings.ChineseCulture().Name);
    }

    [Fact]
    public void An_unknown_language_is_a_settings_mistake_naming_the_choices()
    {
        var mistake = Assert.Throws<SettingsException>(() => new BatchCycleSettings { Language = "fr" }.WorkbookCultures());

        Assert.Contains("zh-Hans, zh-Hant or en", mistake.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_traditional_workbook_has_traditional_reasons_and_an_English_one_has_English_only()
    {
        using var temp = new TempFolder();
        var traditional = temp.Combine("hant.xlsx");
        var english = temp.Combine("en.xlsx");
        var workbook = PanelSamples.Workbook(DateTimeOffset.UnixEpoch);
        PanelWorkbookWriter.Write(workbook with { Cultures = [Catalogue.Traditional, Catalogue.English] }, traditional);
        PanelWorkbookWriter.Write(workbook with { Cultures = [Catalogue.English] }, english);

        var hant = WorkbookReaders.ReadWithExcelDataReader(traditional)[PanelWorkbookWriter.RequirementsSheet];
        var en = WorkbookReaders.ReadWithExcelDataReader(english)[PanelWorkbookWriter.RequirementsSheet];
        Assert.Contains(hant.SelectMany(r => r), c => c.Contains("示範項目", StringComparison.Ordinal));
        Assert.Equal(["Requirement", "Name", "Guide section", "English rendering"], en[0]);
        Assert.DoesNotContain(en.Skip(1).SelectMany(r => r), c => c.Contains("示范项目", StringComparison.Ordinal));

        var m = WorkbookReaders.ReadWithExcelDataReader(english)[PanelWorkbookWriter.SheetName(LabelType.M)];
        Assert.Contains("Outcome", m[0]);
        Assert.Contains(m.Skip(1), r => r.Contains("Ineligible"));
    }
}
