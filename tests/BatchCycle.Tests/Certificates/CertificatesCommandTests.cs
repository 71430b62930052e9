using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Certificates;

/// <summary>The certificates stage as part of the real <c>run</c> command.</summary>
public sealed class CertificatesCommandTests
{
    [Fact]
    public async Task A_run_writes_the_certificate_list_from_the_templates_that_ship_with_the_program()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));

        var result = await ProgramRunner.RunAsync(temp.Path, "run", "--input", "in", "--out", "out", "--db", "run.db", "--year", "2025");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var lines = await File.ReadAllLinesAsync(temp.Combine("out", "certificates", "certificates.csv"));
        Assert.Equal(["Serial,ApplicationId,LabelType,HolderName,FactoryName,AwardedOn,ExpiresOn,VerificationCode,State,RevokedOn"], lines);
        Assert.Contains("\"certificates\"", await File.ReadAllTextAsync(temp.Combine("out", "run-summary.json")));
    }

    [Fact]
    public async Task A_broken_certificate_template_stops_the_run_naming_the_file_and_line()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        var templates = temp.Combine("templates");
        Directory.CreateDirectory(templates);
        await File.WriteAllTextAsync(Path.Combine(templates, "certificate.html"), "<html>\n<body>\n{{#each Certificates}}\n</body>\n");

        var result = await ProgramRunner.RunAsync(temp.Path, "run", "--input", "in", "--out", "out", "--db", "run.db", "--year", "2025");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"{Path.Combine(templates, "certificate.html")} has an error at line 3", result.StdErr);
    }
}
