using BatchCycle.Storage;
using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Tests.Support;
using static BatchCycle.Tests.Certificates.CertificateCycle;

namespace BatchCycle.Tests.Certificates;

/// <summary>Certificate files: repaired after a crash, made from the editable template, HTML without Chromium.</summary>
public sealed class RenderingTests
{
    private static CycleData TwoApprovals() => Data(
        [
            Application("A-M-1", LabelType.M, "华南电子有限公司", "South China Electronics Ltd", "H12345678", "华南电子香港厂"),
            Application("A-T-1", LabelType.T, "清源<环保>技术有限公司", providerId: "ETS-007"),
        ],
        [Decision("A-M-1", PanelDecisionValue.Approve), Decision("A-T-1", PanelDecisionValue.Approve)]);

    [Fact]
    public async Task Without_Chromium_the_run_completes_with_HTML_certificates_and_says_how_to_get_PDFs()
    {
        using var cycle = new CertificateCycle();
        var run = await cycle.NewRunAsync(TwoApprovals());

        var outcome = await cycle.IssueAsync(run);

        var folder = cycle.Combine("out", "certificates");
        Assert.Equal(
            ["2025-M-0001.html", "2025-T-0001.html", "2025-certificates.html", "certificates.csv"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var warning = Assert.Single(outcome.Warnings);
        Assert.Contains(cycle.Settings.Chromium, warning);
        Assert.Contains("apt-get install chromium fonts-noto-cjk", warning);
        Assert.Contains("BatchCycle:Chromium", warning);
        Assert.Equal((2, 0), (outcome.Counts["rendered"], outcome.Counts["pdf"]));

        var html = await File.ReadAllTextAsync(Path.Combine(folder, "2025-M-0001.html"));
        var code = (await cycle.CertificatesAsync()).Single(c => c.Serial == "2025-M-0001").VerificationCode;
        foreach (var expected in new[]
                 {
                     "2025-M-0001", "华南电子有限公司", "South China Electronics Ltd", "华南电子香港厂", "粵港清潔生產夥伴（製造業）",
                     "Manufacturing Partner", "2025年12月16日", "16 December 2025", "2027年12月15日", "15 December 2027",
                     "香港特別行政區政府環境及生態局", "廣東省工業和信息化廳", code, $"https://cpp.example.org.hk/verify/{code}",
                     "data:image/svg+xml;base64,", "@page",
                 })
        {
            Assert.Contains(expected, html);
        }

        Assert.DoesNotContain("2025-T-0001", html);
        var technical = await File.ReadAllTextAsync(Path.Combine(folder, "2025-T-0001.html"));
        Assert.Contains("清源&lt;环保&gt;技术有限公司", technical);
        Assert.DoesNotContain("<环保>", technical);
        var combined = await File.ReadAllTextAsync(Path.Combine(folder, "2025-certificates.html"));
        Assert.Contains("2025-M-0001", combined);
        Assert.Contains("2025-T-0001", combined);
    }

    [Fact]
    public async Task A_serial_issued_before_a_crash_is_rendered_by_the_next_run_with_that_serial()
    {
        using var cycle = new CertificateCycle();
        var crashed = await cycle.NewRunAsync(TwoApprovals());
        // The crashed run got as far as issuing (the serial rows exist) but wrote no file.
        var issued = await CertificateIssuer.IssueAsync(BatchCycleDatabase.Sqlite(cycle.DatabasePath), crashed.RunId, Year, SerialFormat.Parse(cycle.Settings.SerialFormat), AwardedOn,
            [new CertificateRequest(TwoApprovals().Applications[1], null, [])], CancellationToken.None);
        Assert.Equal("2025-T-0001", Assert.Single(issued).Serial);

        var outcome = await cycle.IssueAsync(crashed);

        Assert.Equal((1, 2), (outcome.Counts["issued"], outcome.Counts["rendered"]));
        var html = await File.ReadAllTextAsync(cycle.Combine("out", "certificates", "2025-T-0001.html"));
        Assert.Contains(issued[0].VerificationCode, html);

        // A file lost later (deleted, disk trouble) comes back the same way, and only that one is rendered.
        File.Delete(cycle.Combine("out", "certificates", "2025-M-0001.html"));
        var repaired = await cycle.IssueAsync(crashed);
        Assert.Equal((0, 1), (repaired.Counts["issued"], repaired.Counts["rendered"]));
        Assert.True(File.Exists(cycle.Combine("out", "certificates", "2025-M-0001.html")));
        Assert.Equal(["2025-M-0001", "2025-T-0001"], (await cycle.CertificatesAsync()).Select(c => c.Serial).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_secretariats_edits_to_the_template_and_logo_appear_on_the_certificates()
    {
        using var cycle = new CertificateCycle();
        var templates = cycle.Combine("my-templates");
        Directory.CreateDirectory(templates);
        // Without certificate.zh-Hant.html, holders registered in Hong Kong get certificate.html as well.
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "templates")).Where(f => !f.Contains(".zh-Hant.", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(templates, Path.GetFileName(file)));
        }

        var template = Path.Combine(templates, CertificateTemplate.FileName);
        var text = await File.ReadAllTextAsync(template);
        Assert.Contains("兹证明", text);
        await File.WriteAllTextAsync(template, text.Replace("兹证明", "特此证明 We hereby certify", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(templates, "logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>NEW-LOGO-2025</title></svg>");
        cycle.Settings.Templates = templates;
        var run = await cycle.NewRunAsync(TwoApprovals());

        await cycle.IssueAsync(run);

        var html = await File.ReadAllTextAsync(cycle.Combine("out", "certificates", "2025-M-0001.html"));
        Assert.Contains("特此证明 We hereby certify", html);
        Assert.DoesNotContain("兹证明", html);
        Assert.Contains("粤港清洁生产伙伴（制造业）", html);
        Assert.Contains(Convert.ToBase64String("<svg xmlns=\"http://www.w3.org/2000/svg\"><title>NEW-LOGO-2025</title></svg>"u8.ToArray()), html);
    }

    [Theory]
    [InlineData("<html>\n<body>\n<p>{{HolderName}\n</p></body></html>", 3)]
    [InlineData("<html>\n<body>\n{{#each Certificates}}\n<p>{{Serial}}</p>\n{{#if FactoryName}}\n{{/each}}\n</body></html>", 5)]
    [InlineData("<html>\n<body>\n{{#each Certificates}}\n<p>{{Serial}}</p>\n</body>\n</html>", 3)]
    [InlineData("{{!-- help: {{#if Name}} … {{/if}} --}}\n<html>\n{{/if}}\n</html>", 3)]
    public async Task A_template_error_names_the_file_and_line_and_issues_nothing(string template, int line)
    {
        using var cycle = new CertificateCycle();
        var templates = cycle.Combine("broken-templates");
        Directory.CreateDirectory(templates);
        await File.WriteAllTextAsync(Path.Combine(templates, CertificateTemplate.FileName), template);
        cycle.Settings.Templates = templates;
        var run = await cycle.NewRunAsync(TwoApprovals());

        var error = await Assert.ThrowsAsync<TemplateException>(() => cycle.IssueAsync(run));

        Assert.Contains(Path.Combine(templates, CertificateTemplate.FileName), error.Message);
        Assert.Contains($"line {line}:", error.Message);
        Assert.Empty(await cycle.CertificatesAsync());
    }

    [Fact]
    public async Task A_missing_template_or_embedded_file_is_named()
    {
        using var cycle = new CertificateCycle();
        var templates = cycle.Combine("sparse-templates");
        Directory.CreateDirectory(templates);
        cycle.Settings.Templates = templates;
        var run = await cycle.NewRunAsync(TwoApprovals());

        var missing = await Assert.ThrowsAsync<TemplateException>(() => cycle.IssueAsync(run));
        Assert.Contains(Path.Combine(templates, CertificateTemplate.FileName), missing.Message);

        await File.WriteAllTextAsync(Path.Combine(templates, CertificateTemplate.FileName), "{{#each Certificates}}<img src=\"{{asset \"crest.png\"}}\">{{/each}}");
        var asset = await Assert.ThrowsAsync<TemplateException>(() => cycle.IssueAsync(run));
        Assert.Contains("crest.png", asset.Message);
        Assert.Contains(CertificateTemplate.FileName, asset.Message);
    }
}
