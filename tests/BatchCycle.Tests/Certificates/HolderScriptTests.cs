using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Import;
using static BatchCycle.Tests.Certificates.CertificateCycle;

namespace BatchCycle.Tests.Certificates;

/// <summary>docs/outputs.md "Languages": Traditional Chinese for holders registered in Hong Kong, Simplified for mainland holders, each with English.</summary>
public sealed class HolderScriptTests
{
    /// <summary>A mainland holder's Unified Social Credit Code, with its GB 32100 check character.</summary>
    private static readonly string MainlandUscc = "91440300708461136" + Uscc.CheckCharacter("91440300708461136");

    [Theory]
    [InlineData(LabelType.S, "12345678", HolderScript.Traditional)] // a BR number
    [InlineData(LabelType.T, "12345678-000-05-25-A", HolderScript.Traditional)] // a BR certificate number
    [InlineData(LabelType.S, "H12345678", HolderScript.Traditional)] // H + BR
    [InlineData(LabelType.S, "USCC", HolderScript.Simplified)]
    [InlineData(LabelType.M, "USCC", HolderScript.Simplified)]
    [InlineData(LabelType.M, null, HolderScript.Traditional)] // guide 2.1: an M applicant is a Hong Kong company
    [InlineData(LabelType.E, "", HolderScript.Traditional)] // guide 2.2: so is an E applicant
    [InlineData(LabelType.S, null, HolderScript.Simplified)] // nothing says where: the guide's own script
    [InlineData(LabelType.T, "ETS-007", HolderScript.Simplified)]
    public void The_script_follows_where_the_holder_is_registered(LabelType type, string? registrationNo, HolderScript expected) =>
        Assert.Equal(expected, HolderScripts.For(type, registrationNo == "USCC" ? MainlandUscc : registrationNo));

    [Fact]
    public async Task A_Hong_Kong_holders_certificate_is_in_Traditional_Chinese_and_a_mainland_holders_in_Simplified_each_with_English()
    {
        using var cycle = new CertificateCycle();
        var run = await cycle.NewRunAsync(MixedHolders());

        await cycle.IssueAsync(run);

        var folder = cycle.Combine("out", "certificates");
        foreach (var serial in new[] { "2025-S-0001", "2025-S-0003" })
        {
            AssertTraditional(await File.ReadAllTextAsync(Path.Combine(folder, serial + ".html")), serial);
        }

        AssertSimplified(await File.ReadAllTextAsync(Path.Combine(folder, "2025-S-0002.html")), "2025-S-0002");
        var combined = await File.ReadAllTextAsync(Path.Combine(folder, "2025-certificates.html"));
        Assert.All(new[] { "2025-S-0001", "2025-S-0002", "2025-S-0003", "茲證明", "兹证明" }, s => Assert.Contains(s, combined));
    }

    [Fact]
    public async Task Printed_the_certificates_of_both_scripts_are_each_one_page_in_its_script_and_all_in_the_print_file()
    {
        using var cycle = new CertificateCycle();
        cycle.UseChromium();
        var run = await cycle.NewRunAsync(MixedHolders());

        var outcome = await cycle.IssueAsync(run);

        Assert.Equal((3, 1), (outcome.Counts["rendered"], outcome.Counts["pdf"]));
        var folder = cycle.Combine("out", "certificates");
        AssertTraditional(await Poppler.TextAsync("pdftotext", Path.Combine(folder, "2025-S-0001.pdf"), "-"), "2025-S-0001");
        AssertSimplified(await Poppler.TextAsync("pdftotext", Path.Combine(folder, "2025-S-0002.pdf"), "-"), "2025-S-0002");
        var pages = Poppler.Pages(await Poppler.TextAsync("pdftotext", Path.Combine(folder, "2025-certificates.pdf"), "-"));
        Assert.Equal(3, pages.Count);
        foreach (var serial in new[] { "2025-S-0001", "2025-S-0002", "2025-S-0003" })
        {
            var page = Assert.Single(pages, p => p.Contains(serial, StringComparison.Ordinal));
            if (serial == "2025-S-0002")
            {
                AssertSimplified(page, serial);
            }
            else
            {
                AssertTraditional(page, serial);
            }
        }
    }

    /// <summary>Two holders with a Hong Kong BR number around one with a mainland USCC, all approved.</summary>
    private static CycleData MixedHolders() => Data(
        [
            Application("A-S-1", LabelType.S, "绿链贸易有限公司", "Green Chain Trading Ltd", registrationNo: "12345678"),
            Application("A-S-2", LabelType.S, "深圳绿源供应链有限公司", "Shenzhen Lvyuan Supply Chain Co Ltd", registrationNo: MainlandUscc),
            Application("A-S-3", LabelType.S, "港华采购有限公司", "Kong Wah Sourcing Ltd", registrationNo: "87654321"),
        ],
        [Decision("A-S-1", PanelDecisionValue.Approve), Decision("A-S-2", PanelDecisionValue.Approve), Decision("A-S-3", PanelDecisionValue.Approve)]);

    private static void AssertTraditional(string text, string serial)
    {
        foreach (var expected in new[] { serial, "茲證明", "粵港清潔生產夥伴（供應鏈）", "證書", "This is to certify that", "Supply Chain Partner", "Certificate" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("兹证明", text, StringComparison.Ordinal);
        Assert.DoesNotContain("粤港清洁生产伙伴", text, StringComparison.Ordinal);
    }

    private static void AssertSimplified(string text, string serial)
    {
        foreach (var expected in new[] { serial, "兹证明", "粤港清洁生产伙伴（供应链）", "证书", "This is to certify that", "Supply Chain Partner", "Certificate" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("茲證明", text, StringComparison.Ordinal);
        Assert.DoesNotContain("粵港清潔生產夥伴", text, StringComparison.Ordinal);
    }
}
