using BatchCycle.Tests.Panel;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Publication;

/// <summary>
/// The public shortlist through the real <c>run</c>: exactly the applications whose decision in force is Approve,
/// by label type, with names, factory and city only (guide 6; docs/outputs.md).
/// </summary>
public sealed class ShortlistTests
{
    private static readonly Dictionary<string, string> NoPdf = new() { ["BatchCycle__Chromium"] = "/nonexistent/chromium" };

    /// <summary>Values of the input that must never reach a public list: contacts, identifiers, remarks.</summary>
    private static readonly string[] Private =
    [
        "chan@holder.example.hk", "陈大文", "12345678", "87654321", "91440300MA5F000011", "panel note: strong audit", "ETS-009", "CPP2025-",
    ];

    [Fact]
    public async Task The_shortlist_holds_exactly_the_approved_applications_by_label_type_and_no_contact_data()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("in");
        Directory.CreateDirectory(input);
        await File.WriteAllBytesAsync(Path.Combine(input, "applications.csv"), TestFiles.Utf8Csv([
            ["ApplicationId", "LabelType", "Kind", "ApplicantName", "ApplicantNameEn", "RegistrationNo", "ProviderId", "FactoryId", "FactoryName", "FactoryCity", "ContactName", "ContactEmail", "SubmittedOn"],
            ["CPP2025-M-1", "M", "New", "恒丰五金有限公司", "Hang Fung Hardware Ltd", "12345678", null, "91440300MA5F000011", "东莞恒丰五金厂", "东莞", "陈大文", "chan@holder.example.hk", "2025-06-01"],
            ["CPP2025-M-2", "M", "New", "被拒有限公司", "Rejected Ltd", "12345679", null, "91440300MA5F000012", "被拒厂", "深圳", "陈大文", "chan@holder.example.hk", "2025-06-01"],
            ["CPP2025-E-1", "E", "New", "优越电子有限公司", null, "87654321", null, "H87654321", "优越电子香港厂", "Hong Kong", null, null, "2025-06-01"],
            ["CPP2025-S-1", "S", "New", "绿链贸易有限公司", "Green Chain Trading Ltd", "23456789", null, null, null, null, null, null, "2025-06-01"],
            ["CPP2025-T-1", "T", "New", "押后环保技术有限公司", "Deferred Tech Ltd", null, "ETS-009", null, null, null, null, null, "2025-06-01"],
        ]));
        await File.WriteAllBytesAsync(Path.Combine(input, "decisions.csv"), TestFiles.Utf8Csv([
            ["ApplicationId", "Decision", "Remarks"],
            ["CPP2025-M-1", "Approve", "panel note: strong audit"],
            ["CPP2025-M-2", "Reject", "panel note: strong audit"],
            ["CPP2025-E-1", "批准", null],
            ["CPP2025-S-1", "Approve", null],
            ["CPP2025-T-1", "Defer", null],
        ]));

        var result = await ProgramRunner.RunAsync(temp.Path, NoPdf, "run", "--input", "in", "--out", "out", "--db", "run.db", "--year", "2025", "--as-of", "2025-11-30");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var sheets = WorkbookReaders.ReadWithExcelDataReader(temp.Combine("out", "publication", "2025-shortlist.xlsx"));
        Assert.Equal(["M 制造业伙伴 Manufacturing", "E 制造业优越伙伴 Outstanding", "S 供应链伙伴 Supply Chain", "T 技术服务伙伴 Technical Service"], sheets.Keys);
        Assert.Equal(
            [
                ["序号 No.", "申请公司 Company (中文)", "Company (English) 英文名称", "工厂 Factory", "工厂所在城市 City"],
                ["1", "恒丰五金有限公司", "Hang Fung Hardware Ltd", "东莞恒丰五金厂", "东莞"],
            ],
            sheets["M 制造业伙伴 Manufacturing"]);
        Assert.Equal(["1", "优越电子有限公司", "", "优越电子香港厂", "Hong Kong"], sheets["E 制造业优越伙伴 Outstanding"][1]);
        Assert.Equal(
            [["序号 No.", "申请公司 Company (中文)", "Company (English) 英文名称"], ["1", "绿链贸易有限公司", "Green Chain Trading Ltd"]],
            sheets["S 供应链伙伴 Supply Chain"]);
        Assert.Single(sheets["T 技术服务伙伴 Technical Service"]);

        var html = await File.ReadAllTextAsync(temp.Combine("out", "publication", "2025-shortlist.html"));
        foreach (var approved in new[] { "恒丰五金有限公司", "Hang Fung Hardware Ltd", "东莞恒丰五金厂", "优越电子有限公司", "绿链贸易有限公司", "粤港清洁生产伙伴（供应链）", "Supply Chain Partner" })
        {
            Assert.Contains(approved, html);
        }

        var cells = sheets.Values.SelectMany(rows => rows).SelectMany(row => row).ToList();
        foreach (var notApproved in new[] { "被拒有限公司", "Rejected Ltd", "押后环保技术有限公司", "Deferred Tech Ltd" })
        {
            Assert.DoesNotContain(notApproved, html);
            Assert.DoesNotContain(cells, c => c.Contains(notApproved, StringComparison.Ordinal));
        }

        foreach (var secret in Private)
        {
            Assert.DoesNotContain(secret, html);
            Assert.DoesNotContain(cells, c => c.Contains(secret, StringComparison.Ordinal));
        }
    }
}
