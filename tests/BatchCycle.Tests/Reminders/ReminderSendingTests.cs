using BatchCycle.Cycle;
using BatchCycle.Reminders;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Reminders;

/// <summary>
/// <c>reminders send</c> run as the real program against a real SMTP server on loopback: each message arrives at
/// most once whatever happens to the sender, and failures are kept and reported, never lost.
/// </summary>
public sealed class ReminderSendingTests
{
    private static readonly DateOnly ExpiringThisYear = new(2023, 12, 19);

    [Fact]
    public async Task Sending_twice_delivers_each_message_once_with_its_Chinese_subject_and_body_intact()
    {
        using var scenario = new ReminderScenario();
        using var server = SmtpTestServer.Start();
        await scenario.DraftAsync(ReminderScenario.Data(
        [
            ReminderScenario.Label("2023-M-0001", LabelType.M, ExpiringThisYear, email: "one@holder.example.hk"),
            ReminderScenario.Label("2023-S-0001", LabelType.S, ExpiringThisYear, email: "two@holder.example.hk; copy@holder.example.hk"),
            ReminderScenario.Label("2023-E-0001", LabelType.E, ExpiringThisYear, email: null),
        ]));

        var first = await SendCommand.RunAsync(scenario, server.Port);
        var second = await SendCommand.RunAsync(scenario, server.Port);

        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Contains("2023-M-0001", first.StdOut, StringComparison.Ordinal);
        Assert.Contains("sent to one@holder.example.hk", first.StdOut, StringComparison.Ordinal);
        Assert.Contains("2 sent now", first.StdOut, StringComparison.Ordinal);
        Assert.Contains("2023-E-0001 was not sent", first.StdErr, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Contains("0 sent now, 2 already sent", second.StdOut, StringComparison.Ordinal);

        var received = server.Messages();
        var outbox = await scenario.OutboxAsync();
        Assert.Equal(2, received.Count);
        foreach (var row in outbox.Where(r => r.Recipient is not null))
        {
            var message = Assert.Single(received, m => m.MessageId == row.MessageId);
            Assert.Equal(row.Subject, message.Subject);
            Assert.Contains(row.LabelType == "M" ? "「粵港清潔生產夥伴" : "「粤港清洁生产伙伴", message.Subject, StringComparison.Ordinal);
            Assert.Equal(row.TextBody.ReplaceLineEndings("\n"), message.Text!.ReplaceLineEndings("\n"));
            Assert.Equal(row.HtmlBody.ReplaceLineEndings("\n"), message.Html!.ReplaceLineEndings("\n"));
            Assert.Equal(row.Recipient!.Split(", "), message.To);
            Assert.Equal(ReminderState.Sent, row.State);
            Assert.Equal(1, row.Attempts);
        }

        Assert.Equal(ReminderState.NoEmail, outbox.Single(r => r.LabelSerial == "2023-E-0001").State);

        // A later run shows them as sent and drafts nothing anew.
        var again = await scenario.DraftAsync(ReminderScenario.Data(
        [
            ReminderScenario.Label("2023-M-0001", LabelType.M, ExpiringThisYear, email: "one@holder.example.hk"),
            ReminderScenario.Label("2023-S-0001", LabelType.S, ExpiringThisYear, email: "two@holder.example.hk; copy@holder.example.hk"),
            ReminderScenario.Label("2023-E-0001", LabelType.E, ExpiringThisYear, email: null),
        ]));
        Assert.Equal(0, again.Counts["drafted"]);
        var csv = PythonTools.ReadCsv(scenario.RemindersFolder("reminders.csv"));
        Assert.Equal(["NoEmail", "Sent", "Sent"], csv.Select(r => r["Status"]));
    }

    [Fact]
    public async Task Two_senders_at_once_deliver_each_message_exactly_once()
    {
        using var scenario = new ReminderScenario();
        using var server = SmtpTestServer.Start();
        var serials = Enumerable.Range(1, 12).Select(i => $"2023-M-{i:0000}").ToList();
        await scenario.DraftAsync(ReminderScenario.Data(serials.Select(s => ReminderScenario.Label(s, LabelType.M, ExpiringThisYear))));

        var results = await Task.WhenAll(SendCommand.RunAsync(scenario, server.Port), SendCommand.RunAsync(scenario, server.Port));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.StdErr));
        var received = server.Messages();
        Assert.Equal(serials.Count, received.Count);
        Assert.Equal(serials.Select(s => $"<reminder.first.{s}@example.org.hk>"), received.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.All(await scenario.OutboxAsync(), r => Assert.Equal((ReminderState.Sent, 1), (r.State, r.Attempts)));
    }

    [Theory]
    [InlineData("refused")]
    [InlineData("dropped")]
    public async Task An_unreachable_server_leaves_the_message_failed_and_reported_and_a_later_send_delivers_it(string failure)
    {
        using var scenario = new ReminderScenario();
        await scenario.DraftAsync(ReminderScenario.Data([ReminderScenario.Label("2023-M-0001", LabelType.M, ExpiringThisYear)]));

        SmtpTestServer? dropping = failure == "dropped" ? SmtpTestServer.Start(new SmtpFault(SmtpFaultKind.DropOnConnect)) : null;
        ProgramRunner.Result failed;
        using (dropping)
        {
            failed = await SendCommand.RunAsync(scenario, dropping?.Port ?? SmtpTestServer.ClosedPort());
        }

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("2023-M-0001 not sent: FAILED (attempt 2 of 5", failed.StdErr, StringComparison.Ordinal);
        var row = Assert.Single(await scenario.OutboxAsync());
        Assert.Equal((ReminderState.Failed, 2), (row.State, row.Attempts));
        Assert.False(string.IsNullOrWhiteSpace(row.LastError));

        using var server = SmtpTestServer.Start();
        var later = await SendCommand.RunAsync(scenario, server.Port);

        Assert.True(later.ExitCode == 0, later.StdErr);
        Assert.Single(server.Messages());
        var delivered = Assert.Single(await scenario.OutboxAsync());
        Assert.Equal((ReminderState.Sent, 3), (delivered.State, delivered.Attempts));
    }

    [Fact]
    public async Task A_message_that_failed_too_often_is_given_up_until_released()
    {
        using var scenario = new ReminderScenario();
        await scenario.DraftAsync(ReminderScenario.Data([ReminderScenario.Label("2023-M-0001", LabelType.M, ExpiringThisYear)]));
        var closed = SmtpTestServer.ClosedPort();
        var limits = new Dictionary<string, string> { ["BATCHCYCLE_BatchCycle__Smtp__MaxAttempts"] = "2", ["BATCHCYCLE_BatchCycle__Reminders__RetriesPerSend"] = "4" };

        var gaveUp = await SendCommand.RunAsync(scenario, closed, limits);
        var stillGivenUp = await SendCommand.RunAsync(scenario, closed, limits);

        Assert.Equal(1, gaveUp.ExitCode);
        Assert.Contains("given up", gaveUp.StdErr, StringComparison.Ordinal);
        Assert.Equal(1, stillGivenUp.ExitCode);
        Assert.Equal(2, Assert.Single(await scenario.OutboxAsync()).Attempts);

        using var server = SmtpTestServer.Start();
        var released = await SendCommand.RunAsync(scenario, server.Port, limits, "--retry-failed");
        Assert.True(released.ExitCode == 0, released.StdErr);
        Assert.Single(server.Messages());
    }

    [Fact]
    public async Task A_sender_killed_while_sending_leaves_the_message_uncertain_and_it_is_never_sent_again_on_its_own()
    {
        using var scenario = new ReminderScenario();
        await scenario.DraftAsync(ReminderScenario.Data([ReminderScenario.Label("2023-M-0001", LabelType.M, ExpiringThisYear)]));

        // The server keeps the message and then stalls before answering: the sender is killed in that moment.
        using (var slow = SmtpTestServer.Start(new SmtpFault(SmtpFaultKind.ReplyLate, Delay: TimeSpan.FromSeconds(60))))
        {
            using var sender = ProgramRunner.Start(scenario.Root, SendCommand.Environment(slow.Port), SendCommand.Args(scenario));
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Directory.GetFiles(slow.Received, "*.eml").Length == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "The sender never delivered to the slow server.");
                await Task.Delay(50);
            }

            sender.Kill(entireProcessTree: true);
            await sender.WaitForExitAsync();
            Assert.Equal(ReminderState.Sending, Assert.Single(await scenario.OutboxAsync()).State);
            Assert.Single(slow.Messages());
        }

        using var server = SmtpTestServer.Start();
        var after = await SendCommand.RunAsync(scenario, server.Port);

        Assert.Equal(1, after.ExitCode);
        Assert.Contains("UNCERTAIN", after.StdErr, StringComparison.Ordinal);
        Assert.Contains("--retry-uncertain", after.StdErr, StringComparison.Ordinal);
        Assert.Empty(server.Messages());
        Assert.Equal(ReminderState.Uncertain, Assert.Single(await scenario.OutboxAsync()).State);

        var released = await SendCommand.RunAsync(scenario, server.Port, null, "--retry-uncertain");
        Assert.True(released.ExitCode == 0, released.StdErr);
        Assert.Single(server.Messages());
    }

    [Fact]
    public async Task A_second_round_has_its_own_drafts_and_message_ids_and_sends_only_itself()
    {
        using var scenario = new ReminderScenario();
        await scenario.AddCertificateAsync("2023-M-0101", LabelType.M, ExpiringThisYear, "issued@holder.example.hk");
        await scenario.DraftAsync(ReminderScenario.Data([]));
        Directory.CreateDirectory(Path.Combine(scenario.Root, "in"));

        var drafted = await ProgramRunner.RunAsync(scenario.Root, SendCommand.Environment(SmtpTestServer.ClosedPort()),
            "reminders", "draft", "--input", "in", "--out", "out2", "--round", "second", "--year", "2025", "--db", scenario.Database);

        Assert.True(drafted.ExitCode == 0, drafted.StdErr);
        Assert.Contains("1 newly drafted", drafted.StdOut, StringComparison.Ordinal);
        var draft = Assert.Single(PythonTools.ReadMessages([Path.Combine(scenario.Root, "out2", "reminders", "second", "2023-M-0101.eml")]));
        Assert.Equal("<reminder.second.2023-M-0101@example.org.hk>", draft.MessageId);
        Assert.Single(PythonTools.ReadCsv(Path.Combine(scenario.Root, "out2", "reminders", "second", "reminders.csv")));

        using var server = SmtpTestServer.Start();
        var sent = await SendCommand.RunAsync(scenario, server.Port, null, "--round", "second");

        Assert.True(sent.ExitCode == 0, sent.StdErr);
        Assert.Equal(["<reminder.second.2023-M-0101@example.org.hk>"], server.Messages().Select(m => m.MessageId));
        Assert.Equal(ReminderState.Drafted, Assert.Single(await scenario.OutboxAsync(ReminderRound.First)).State);
        Assert.Equal(ReminderState.Sent, Assert.Single(await scenario.OutboxAsync("second")).State);
    }

    [Fact]
    public async Task A_broken_template_is_refused_with_its_file_and_line_and_no_stack_trace()
    {
        using var scenario = new ReminderScenario();
        var templates = Path.Combine(scenario.Root, "templates");
        Directory.CreateDirectory(templates);
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "templates"), "reminder*.hbs"))
        {
            File.Copy(file, Path.Combine(templates, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(templates, ReminderTemplates.TextFile), "{{holderName}}\n\n{{#each requirements}}\n- {{zh}}\n{{/if}}\n");
        Directory.CreateDirectory(Path.Combine(scenario.Root, "in"));

        var result = await ProgramRunner.RunAsync(scenario.Root, SendCommand.Environment(SmtpTestServer.ClosedPort()),
            "reminders", "draft", "--input", "in", "--out", "out", "--round", "second", "--db", scenario.Database);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("reminder.txt.hbs has an error at line 3: {{#each requirements}} opened here is not closed before {{/if}} at line 5", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_sender_address_is_refused_before_any_message_is_claimed()
    {
        using var scenario = new ReminderScenario();
        await scenario.DraftAsync(ReminderScenario.Data([ReminderScenario.Label("2023-M-0001", LabelType.M, ExpiringThisYear)]));
        using var server = SmtpTestServer.Start();

        var result = await SendCommand.RunAsync(scenario, server.Port, new Dictionary<string, string>
        {
            ["BATCHCYCLE_BatchCycle__Smtp__From"] = "secretariat",
            ["BATCHCYCLE_BatchCycle__Secretariat__Email"] = "",
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("BatchCycle:Smtp:From", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(server.Messages());
        var untouched = Assert.Single(await scenario.OutboxAsync());
        Assert.Equal((ReminderState.Drafted, 0), (untouched.State, untouched.Attempts));
    }
}
