using BatchCycle.Notices;
using BatchCycle.Reminders;
using BatchCycle.Storage;
using BatchCycle.Tests.Reminders;
using BatchCycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Tests.Notices;

/// <summary>
/// <c>notices send</c> run as the real program after a real <c>run</c>, against a real SMTP server on loopback: each
/// drafted notice arrives once, however often the command is run, and the next run lists it as Sent.
/// </summary>
public sealed class NoticeSendingTests
{
    private static readonly Dictionary<string, string> NoPdf = new() { ["BatchCycle__Chromium"] = "/nonexistent/chromium" };

    [Fact]
    public async Task Sending_twice_delivers_each_notice_once_and_the_next_run_lists_them_as_sent()
    {
        using var temp = new TempFolder();
        await WriteInputAsync(temp.Combine("in"));
        var run = await RunAsync(temp);
        Assert.True(run.ExitCode == 0, run.StdErr);
        using var server = SmtpTestServer.Start();

        var first = await SendAsync(temp, server.Port);
        var second = await SendAsync(temp, server.Port);

        Assert.True(first.ExitCode == 0, first.StdOut + first.StdErr);
        Assert.Contains("Results notices: 3 sent now, 0 already sent", first.StdOut, StringComparison.Ordinal);
        Assert.Contains("CPP2025-E-1 was not sent", first.StdErr, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.StdOut + second.StdErr);
        Assert.Contains("Results notices: 0 sent now, 3 already sent", second.StdOut, StringComparison.Ordinal);

        List<NoticeOutboxMessage> outbox;
        await using (var db = BatchCycleDatabase.Sqlite(temp.Combine("run.db")).Open())
        {
            outbox = await db.Set<NoticeOutboxMessage>().AsNoTracking().OrderBy(m => m.ApplicationId).ToListAsync();
        }

        var emailed = outbox.Where(r => r.Recipient is not null).ToList();
        Assert.Equal(["CPP2025-M-1", "CPP2025-S-1", "CPP2025-T-1"], emailed.Select(r => r.ApplicationId));
        Assert.All(emailed, r => Assert.Equal((ReminderState.Sent, 1), (r.State, r.Attempts)));
        Assert.Equal(ReminderState.NoEmail, outbox.Single(r => r.ApplicationId == "CPP2025-E-1").State);
        Assert.Equal(emailed.Select(r => r.MessageId).Order(StringComparer.Ordinal), server.ReceivedPerMessageId.Keys.Order(StringComparer.Ordinal));
        Assert.All(server.ReceivedPerMessageId.Values, count => Assert.Equal(1, count));

        var received = server.Messages().ToDictionary(m => m.MessageId);
        Assert.All(received.Values, m => Assert.Empty(m.Defects));
        foreach (var row in emailed)
        {
            var message = received[row.MessageId];
            Assert.Equal(row.Subject, message.Subject);
            Assert.Equal(row.Recipient!.Split(", "), message.To);
            Assert.Equal(row.TextBody.ReplaceLineEndings("\n"), message.Text!.ReplaceLineEndings("\n"));
        }

        // A Hong Kong BR number: the letter is in Traditional Chinese.
        Assert.Contains("恭喜！評審委員會已批准", received[Id(emailed, "CPP2025-M-1")].Text, StringComparison.Ordinal);
        Assert.Contains("These requirements are not met:", received[Id(emailed, "CPP2025-S-1")].Text, StringComparison.Ordinal);
        Assert.Contains("The review panel has deferred", received[Id(emailed, "CPP2025-T-1")].Text, StringComparison.Ordinal);

        var next = await RunAsync(temp);
        Assert.True(next.ExitCode == 0, next.StdErr);
        var csv = PythonTools.ReadCsv(temp.Combine("out", "notices", "notices.csv")).ToDictionary(r => r["ApplicationId"], r => r["Status"]);
        Assert.Equal(new Dictionary<string, string>
        {
            ["CPP2025-E-1"] = "NoEmail", ["CPP2025-M-1"] = "Sent", ["CPP2025-S-1"] = "Sent", ["CPP2025-T-1"] = "Sent",
        }, csv);
        var third = await SendAsync(temp, server.Port);
        Assert.True(third.ExitCode == 0, third.StdErr);
        Assert.All(server.ReceivedPerMessageId.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task A_notice_the_server_may_have_received_is_Uncertain_and_not_sent_again_until_a_person_says_so()
    {
        using var temp = new TempFolder();
        await WriteInputAsync(temp.Combine("in"));
        var run = await RunAsync(temp);
        Assert.True(run.ExitCode == 0, run.StdErr);
        using (var silent = SmtpTestServer.Start(new SmtpFault(SmtpFaultKind.CloseAfterDot)))
        {
            var first = await SendAsync(temp, silent.Port);
            var second = await SendAsync(temp, silent.Port);

            Assert.Equal(1, first.ExitCode);
            Assert.Contains("Results notices: 0 sent now, 0 already sent, 0 failed, 3 uncertain", first.StdOut, StringComparison.Ordinal);
            Assert.Contains("3 uncertain", second.StdOut, StringComparison.Ordinal);
            Assert.Equal(3, silent.ReceivedPerMessageId.Count);
            Assert.All(silent.ReceivedPerMessageId.Values, count => Assert.Equal(1, count));
        }

        using var server = SmtpTestServer.Start();
        var released = await SendAsync(temp, server.Port, "--retry-uncertain");

        Assert.True(released.ExitCode == 0, released.StdOut + released.StdErr);
        Assert.Contains("Released 3 Uncertain message(s)", released.StdOut, StringComparison.Ordinal);
        Assert.Equal(3, server.ReceivedPerMessageId.Count);
        await using var db = BatchCycleDatabase.Sqlite(temp.Combine("run.db")).Open();
        Assert.Equal(3, await db.Set<NoticeOutboxMessage>().CountAsync(m => m.State == ReminderState.Sent));
    }

    [Fact]
    public async Task A_database_without_notices_is_refused_in_one_line()
    {
        using var temp = new TempFolder();
        using var server = SmtpTestServer.Start();

        var result = await SendAsync(temp, server.Port);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("There are no results notices", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(server.ReceivedPerMessageId);
    }

    private static string Id(List<NoticeOutboxMessage> rows, string applicationId) => rows.Single(r => r.ApplicationId == applicationId).MessageId;

    /// <summary>Approve, Reject and Defer with an address each, and an Approve without one.</summary>
    private static async Task WriteInputAsync(string input)
    {
        Directory.CreateDirectory(input);
        await File.WriteAllBytesAsync(Path.Combine(input, "applications.csv"), TestFiles.Utf8Csv([
            ["ApplicationId", "LabelType", "Kind", "ApplicantName", "ApplicantNameEn", "RegistrationNo", "FactoryId", "FactoryName", "ContactEmail", "SubmittedOn"],
            ["CPP2025-M-1", "M", "New", "恒丰五金有限公司", "Hang Fung Hardware Ltd", "12345678", "91440300MA5F000011", "东莞恒丰五金厂", "m@holder.example.hk", "2025-06-01"],
            ["CPP2025-E-1", "E", "New", "优越电子有限公司", null, "87654321", "H87654321", "优越电子香港厂", null, "2025-06-01"],
            ["CPP2025-S-1", "S", "New", "绿链贸易有限公司", "Green Chain Trading Ltd", "23456789", null, null, "s@holder.example.hk", "2025-06-01"],
            ["CPP2025-T-1", "T", "New", "押后环保技术有限公司", "Deferred Tech Ltd", null, null, null, "t@holder.example.hk", "2025-06-01"],
        ]));
        await File.WriteAllBytesAsync(Path.Combine(input, "decisions.csv"), TestFiles.Utf8Csv([
            ["ApplicationId", "Decision", "Remarks"],
            ["CPP2025-M-1", "Approve", null],
            ["CPP2025-E-1", "Approve", null],
            ["CPP2025-S-1", "Reject", null],
            ["CPP2025-T-1", "Defer", "site visit to confirm"],
        ]));
    }

    private static Task<ProgramRunner.Result> RunAsync(TempFolder temp) =>
        ProgramRunner.RunAsync(temp.Path, NoPdf, "run", "--input", "in", "--out", "out", "--db", "run.db", "--year", "2025", "--as-of", "2025-11-30");

    private static Task<ProgramRunner.Result> SendAsync(TempFolder temp, int port, params string[] more) =>
        ProgramRunner.RunAsync(temp.Path, SendCommand.Environment(port), ["notices", "send", "--db", "run.db", .. more]);
}
