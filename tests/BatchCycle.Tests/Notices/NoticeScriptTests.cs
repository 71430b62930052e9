using BatchCycle.Tests.Reminders;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Notices;

/// <summary>
/// A Reject notice gives its reasons in the applicant's Chinese script (docs/outputs.md "Languages": Traditional for a
/// Hong Kong registration, Simplified for a mainland one) and in English, read back with Python's e-mail parser.
/// </summary>
public sealed class NoticeScriptTests
{
    private static readonly Dictionary<string, string> NoPdf = new() { ["BatchCycle__Chromium"] = "/nonexistent/chromium" };

    [Fact]
    public async Task A_Hong_Kong_applicant_reads_its_reasons_in_Traditional_and_a_mainland_one_in_Simplified_both_with_English()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("in");
        Directory.CreateDirectory(input);
        await File.WriteAllBytesAsync(Path.Combine(input, "applications.csv"), TestFiles.Utf8Csv([
            ["ApplicationId", "LabelType", "Kind", "ApplicantName", "ApplicantNameEn", "RegistrationNo", "FactoryId", "FactoryName", "ContactEmail", "SubmittedOn"],
            ["CPP2025-S-1", "S", "New", "綠鏈貿易有限公司", "Green Chain Trading Ltd", "23456789", null, null, "hk@holder.example.hk", "2025-06-01"],
            ["CPP2025-S-2", "S", "New", "绿链供应链（深圳）有限公司", "Green Chain Shenzhen Co Ltd", "91440300MA5F000011", null, null, "sz@holder.example.cn", "2025-06-01"],
        ]));
        await File.WriteAllBytesAsync(Path.Combine(input, "decisions.csv"), TestFiles.Utf8Csv([
            ["ApplicationId", "Decision", "Remarks"],
            ["CPP2025-S-1", "Reject", null],
            ["CPP2025-S-2", "Reject", null],
        ]));

        var run = await ProgramRunner.RunAsync(temp.Path, NoPdf, "run", "--input", "in", "--out", "out", "--db", "run.db", "--year", "2025", "--as-of", "2025-11-30");

        Assert.True(run.ExitCode == 0, run.StdErr);
        var messages = PythonTools.ReadMessages(new[] { "CPP2025-S-1", "CPP2025-S-2" }.Select(id => temp.Combine("out", "notices", id + ".eml")))
            .ToDictionary(m => Path.GetFileNameWithoutExtension(m.File));
        var hongKong = messages["CPP2025-S-1"];
        var mainland = messages["CPP2025-S-2"];
        Assert.All(messages.Values, m => Assert.Empty(m.Defects));
        Assert.Contains("未獲批准，未符合以下準則", hongKong.Text, StringComparison.Ordinal);
        Assert.Contains("- 4.3：沒有途徑符合：4.3-1：推薦0家不同的工廠", hongKong.Text, StringComparison.Ordinal);
        Assert.Contains("4.3-2：沒有申報採購", hongKong.Text, StringComparison.Ordinal);
        Assert.Contains("<li>4.3：沒有途徑符合：", hongKong.Html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-Hant\">", hongKong.Html, StringComparison.Ordinal);
        Assert.Contains("標誌申請結果", hongKong.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("没有途径符合", hongKong.Text, StringComparison.Ordinal);

        Assert.Contains("未获批准，未符合以下准则", mainland.Text, StringComparison.Ordinal);
        Assert.Contains("- 4.3：没有途径符合：4.3-1：推荐0家不同的工厂", mainland.Text, StringComparison.Ordinal);
        Assert.Contains("4.3-2：没有申报采购", mainland.Text, StringComparison.Ordinal);
        Assert.Contains("<li>4.3：没有途径符合：", mainland.Html, StringComparison.Ordinal);
        Assert.Contains("标志申请结果", mainland.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("沒有途徑符合", mainland.Text, StringComparison.Ordinal);

        Assert.All(messages.Values, m =>
        {
            Assert.Contains("These requirements are not met:\n- 4.3: no route met: 4.3-1 0 distinct factories recommended", m.Text!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.Contains("4.3-2 no procurement declared", m.Text, StringComparison.Ordinal);
            Assert.Contains("<li>4.3: no route met: ", m.Html, StringComparison.Ordinal);
        });
    }
}
