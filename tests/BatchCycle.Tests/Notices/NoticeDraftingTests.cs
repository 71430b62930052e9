using BatchCycle.Notices;
using BatchCycle.Reminders;
using BatchCycle.Storage;
using BatchCycle.Tests.Reminders;
using BatchCycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Tests.Notices;

/// <summary>
/// Results notices drafted by the real <c>run</c> (guide 7), read back with Python's e-mail parser: one bilingual
/// letter per decision in force, and a decision changed after its notice was sent gets a new, flagged notice.
/// </summary>
public sealed class NoticeDraftingTests
{
    private static readonly Dictionary<string, string> NoPdf = new() { ["BatchCycle__Chromium"] = "/nonexistent/chromium" };

    [Fact]
    public async Task Each_decision_gets_its_bilingual_notice_and_a_changed_decision_after_sending_gets_a_flagged_new_one()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("in");
        Directory.CreateDirectory(input);
        await File.WriteAllBytesAsync(Path.Combine(input, "applications.csv"), TestFiles.Utf8Csv([
            ["ApplicationId", "LabelType", "Kind", "ApplicantName", "ApplicantNameEn", "RegistrationNo", "FactoryId", "FactoryName", "ContactEmail", "SubmittedOn"],
            ["CPP2025-M-1", "M", "New", "恒丰五金有限公司", "Hang Fung Hardware Ltd", "12345678", "91440300MA5F000011", "东莞恒丰五金厂", "m@holder.example.hk", "2025-06-01"],
            ["CPP2025-E-1", "E", "New", "优越电子有限公司", null, "87654321", "H87654321", "优越电子香港厂", null, "2025-06-01"],
            ["CPP2025-S-1", "S", "New", "绿链贸易有限公司", "Green Chain Trading Ltd", "23456789", null, null, "s@holder.example.hk", "2025-06-01"],
            ["CPP2025-T-1", "T", "New", "押后环保技术有限公司", "Deferred Tech Ltd", null, null, null, "t@holder.example.hk", "2025-06-01"],
        ]));
        await WriteDecisionsAsync(input, sDecision: "Reject");

        var first = await RunAsync(temp);

        Assert.True(first.ExitCode == 0, first.StdErr);
        var csv = PythonTools.ReadCsv(temp.Combine("out", "notices", "notices.csv")).ToDictionary(r => r["ApplicationId"]);
        Assert.Equal(["CPP2025-E-1", "CPP2025-M-1", "CPP2025-S-1", "CPP2025-T-1"], csv.Keys.Order());
        Assert.Equal(("Approve", "NoEmail"), (csv["CPP2025-E-1"]["Decision"], csv["CPP2025-E-1"]["Status"]));
        Assert.Equal(("Reject", "Drafted", "s@holder.example.hk"), (csv["CPP2025-S-1"]["Decision"], csv["CPP2025-S-1"]["Status"], csv["CPP2025-S-1"]["ContactEmail"]));
        Assert.False(File.Exists(temp.Combine("out", "notices", "CPP2025-E-1.eml")));

        var messages = PythonTools.ReadMessages(new[] { "CPP2025-M-1", "CPP2025-S-1", "CPP2025-T-1" }.Select(id => temp.Combine("out", "notices", id + ".eml")))
            .ToDictionary(m => Path.GetFileNameWithoutExtension(m.File));
        Assert.All(messages.Values, m => Assert.Empty(m.Defects));
        Assert.All(messages.Values, m => Assert.Equal(["text/plain", "text/html"], m.Parts));
        var approve = messages["CPP2025-M-1"];
        Assert.Equal(["m@holder.example.hk"], approve.To);
        Assert.Contains("恭喜！評審委員會已批准", approve.Text);
        Assert.Contains("The review panel has approved your 2025 application for the Manufacturing Partner label", approve.Text);
        Assert.Contains("2025-M-0001", approve.Text);
        Assert.Contains("2025年12月16日 至 2027年12月15日", approve.Text);
        Assert.Contains("/verify/", approve.Html);
        var reject = messages["CPP2025-S-1"];
        Assert.Contains("未獲批准，未符合以下準則", reject.Text);
        Assert.Contains("These requirements are not met:", reject.Text);
        Assert.Contains("- 4.3: no route met", reject.Text);
        Assert.DoesNotContain("2025-S-0001", reject.Text);
        Assert.Contains("押后审议", messages["CPP2025-T-1"].Text);
        Assert.Contains("The review panel has deferred", messages["CPP2025-T-1"].Text);

        // The secretariat sends the Reject notice; then the panel approves the application after all.
        await using (var db = BatchCycleDatabase.Sqlite(temp.Combine("run.db")).Open())
        {
            await db.Set<NoticeOutboxMessage>().Where(m => m.ApplicationId == "CPP2025-S-1")
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.State, ReminderState.Sent).SetProperty(m => m.SentAt, DateTime.UtcNow));
        }

        var unchanged = await RunAsync(temp);
        await WriteDecisionsAsync(input, sDecision: "Approve");
        var changed = await RunAsync(temp);

        Assert.True(unchanged.ExitCode == 0 && changed.ExitCode == 0, unchanged.StdErr + changed.StdErr);
        await using (var db = BatchCycleDatabase.Sqlite(temp.Combine("run.db")).Open())
        {
            var versions = await db.Set<NoticeOutboxMessage>().AsNoTracking().Where(m => m.ApplicationId == "CPP2025-S-1").OrderBy(m => m.Version).ToListAsync();
            Assert.Equal([(1, "Reject", ReminderState.Sent), (2, "Approve", ReminderState.Drafted)], versions.Select(v => (v.Version, v.Decision, v.State)));
            Assert.Equal(versions[0].MessageId, versions[1].Corrects);
            Assert.Equal(5, await db.Set<NoticeOutboxMessage>().CountAsync());
        }

        var corrected = PythonTools.ReadMessages([temp.Combine("out", "notices", "CPP2025-S-1.eml")]).Single();
        Assert.StartsWith("【更正 Correction】", corrected.Subject, StringComparison.Ordinal);
        Assert.Contains("本通知更正早前就此申請發出的結果通知", corrected.Text);
        Assert.Contains("2025-S-0001", corrected.Text);
        var row = PythonTools.ReadCsv(temp.Combine("out", "notices", "notices.csv")).Single(r => r["ApplicationId"] == "CPP2025-S-1");
        Assert.Equal(("Approve", "Drafted"), (row["Decision"], row["Status"]));
        Assert.False(string.IsNullOrEmpty(row["Corrects"]));
    }

    private static Task WriteDecisionsAsync(string input, string sDecision) =>
        File.WriteAllBytesAsync(Path.Combine(input, "decisions.csv"), TestFiles.Utf8Csv([
            ["ApplicationId", "Decision", "Remarks"],
            ["CPP2025-M-1", "Approve", null],
            ["CPP2025-E-1", "Approve", null],
            ["CPP2025-S-1", sDecision, null],
            ["CPP2025-T-1", "Defer", "site visit to confirm"],
        ]));

    private static Task<ProgramRunner.Result> RunAsync(TempFolder temp) =>
        ProgramRunner.RunAsync(temp.Path, NoPdf, "run", "--input", "in", "--out", "out", "--db", "run.db", "--year", "2025", "--as-of", "2025-11-30");
}
