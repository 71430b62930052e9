using BatchCycle.Cycle;
using BatchCycle.Reminders;
using BatchCycle.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BatchCycle.Tests.Reminders;

/// <summary>
/// <c>reminders send</c> as the real program against an SMTP server that fails at each step of the transaction:
/// whatever happens, no Message-ID arrives twice, and each reminder ends in the state that says what happened —
/// Sent, Failed (retried, or given up on a 5xx) or Uncertain (the server may have it; never re-sent on its own).
/// </summary>
public sealed class ReminderSendingFaultTests
{
    private static readonly DateOnly ExpiringThisYear = new(2023, 12, 19);

    private static readonly string[] Serials = ["2023-M-0001", "2023-S-0001"];

    public static TheoryData<string> AfterTheDot => ["close after the dot", "reply after the client's timeout"];

    public static TheoryData<string> BeforeTheDot => ["drop on connect", "451 at MAIL", "451 at RCPT", "451 at DATA", "close mid-DATA"];

    [Theory]
    [MemberData(nameof(AfterTheDot))]
    public async Task A_message_the_server_received_without_confirming_is_uncertain_and_never_sent_again_on_its_own(string fault)
    {
        using var scenario = await DraftedAsync();
        using var server = SmtpTestServer.Start(Fault(fault));
        var environment = new Dictionary<string, string> { ["BATCHCYCLE_BatchCycle__Reminders__SmtpTimeout"] = "00:00:01" };

        var first = await SendCommand.RunAsync(scenario, server.Port, environment);
        var second = await SendCommand.RunAsync(scenario, server.Port, environment);

        Assert.Equal((1, 1), (first.ExitCode, second.ExitCode));
        Assert.All(Serials, s => Assert.Contains($"{s} not sent: UNCERTAIN", second.StdErr, StringComparison.Ordinal));
        Assert.Contains("--retry-uncertain", second.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", first.StdErr + second.StdErr, StringComparison.Ordinal);
        var outbox = await scenario.OutboxAsync();
        Assert.All(outbox, row =>
        {
            Assert.Equal((ReminderState.Uncertain, 1), (row.State, row.Attempts));
            Assert.Contains("the whole message was handed to the server", row.LastError, StringComparison.Ordinal);
            Assert.Contains("may have been delivered", row.LastError, StringComparison.Ordinal);
            Assert.Equal(1, server.ReceivedPerMessageId.GetValueOrDefault(row.MessageId));
        });
        Assert.All(server.ReceivedPerMessageId.Values, count => Assert.Equal(1, count));
    }

    [Theory]
    [MemberData(nameof(BeforeTheDot))]
    public async Task A_failure_before_the_end_of_the_message_is_retried_and_it_arrives_once(string fault)
    {
        using var scenario = await DraftedAsync();
        if (fault == "close mid-DATA")
        {
            // Larger than both sockets' buffers: the sender is still writing the message when the server resets.
            await SetTextBodyAsync(scenario, string.Concat(Enumerable.Repeat(new string('x', 99) + "\n", 80_000)));
        }

        using var server = SmtpTestServer.Start(Fault(fault) with { Times = 1 });

        var first = await SendCommand.RunAsync(scenario, server.Port);
        var second = await SendCommand.RunAsync(scenario, server.Port);

        Assert.True(first.ExitCode == 0, first.StdOut + first.StdErr);
        Assert.Contains("0 sent now, 2 already sent", second.StdOut, StringComparison.Ordinal);
        var outbox = await scenario.OutboxAsync();
        Assert.All(outbox, row => Assert.Equal(ReminderState.Sent, row.State));
        Assert.Equal([2, 1], outbox.Select(r => r.Attempts));
        Assert.Equal(outbox.Select(r => r.MessageId).Order(StringComparer.Ordinal), server.ReceivedPerMessageId.Keys.Order(StringComparer.Ordinal));
        Assert.All(server.ReceivedPerMessageId.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task A_5xx_refusal_is_final_the_message_is_given_up_and_a_later_send_does_not_try_it_again()
    {
        using var scenario = await DraftedAsync();
        using var server = SmtpTestServer.Start(Fault("550 at RCPT"));

        var first = await SendCommand.RunAsync(scenario, server.Port);
        var second = await SendCommand.RunAsync(scenario, server.Port);

        Assert.Equal((1, 1), (first.ExitCode, second.ExitCode));
        Assert.All(Serials, s => Assert.Contains($"{s} not sent: FAILED 1 times, given up", second.StdErr, StringComparison.Ordinal));
        Assert.All(await scenario.OutboxAsync(), row =>
        {
            Assert.Equal((ReminderState.Failed, 1, (DateTime?)null), (row.State, row.Attempts, row.NextAttemptAt));
            Assert.Contains("550", row.LastError, StringComparison.Ordinal);
        });
        Assert.Empty(server.ReceivedPerMessageId);
    }

    [Fact]
    public async Task A_round_goes_over_one_connection_and_a_connection_that_drops_is_opened_again()
    {
        var serials = Enumerable.Range(1, 5).Select(i => $"2023-M-{i:0000}").ToList();
        using var scenario = new ReminderScenario();
        await scenario.DraftAsync(ReminderScenario.Data(serials.Select(s => ReminderScenario.Label(s, LabelType.M, ExpiringThisYear))));
        using var server = SmtpTestServer.Start(new SmtpFault(SmtpFaultKind.CloseAfterDot, Times: 1));

        var sent = await SendCommand.RunAsync(scenario, server.Port);

        Assert.Equal(1, sent.ExitCode);
        Assert.Contains("4 sent now, 0 already sent, 0 failed, 1 uncertain", sent.StdOut, StringComparison.Ordinal);
        Assert.Equal(2, server.Connections);
        var outbox = await scenario.OutboxAsync();
        Assert.Equal([ReminderState.Uncertain, .. Enumerable.Repeat(ReminderState.Sent, 4)], outbox.Select(r => r.State));
        Assert.All(server.ReceivedPerMessageId.Values, count => Assert.Equal(1, count));
        Assert.Equal(5, server.ReceivedPerMessageId.Count);
    }

    private static SmtpFault Fault(string name) => name switch
    {
        "close after the dot" => new SmtpFault(SmtpFaultKind.CloseAfterDot),
        "reply after the client's timeout" => new SmtpFault(SmtpFaultKind.ReplyLate, Delay: TimeSpan.FromSeconds(4)),
        "drop on connect" => new SmtpFault(SmtpFaultKind.DropOnConnect),
        "451 at MAIL" => new SmtpFault(SmtpFaultKind.Refuse, Command: "MAIL", Code: 451),
        "451 at RCPT" => new SmtpFault(SmtpFaultKind.Refuse, Command: "RCPT", Code: 451),
        "451 at DATA" => new SmtpFault(SmtpFaultKind.Refuse, Command: "DATA", Code: 451),
        "550 at RCPT" => new SmtpFault(SmtpFaultKind.Refuse, Command: "RCPT", Code: 550),
        "close mid-DATA" => new SmtpFault(SmtpFaultKind.CloseMidData),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown fault."),
    };

    private static async Task<ReminderScenario> DraftedAsync()
    {
        var scenario = new ReminderScenario();
        await scenario.DraftAsync(ReminderScenario.Data(Serials.Select(s => ReminderScenario.Label(s, s.Contains("-S-", StringComparison.Ordinal) ? LabelType.S : LabelType.M, ExpiringThisYear))));
        return scenario;
    }

    private static async Task SetTextBodyAsync(ReminderScenario scenario, string body)
    {
        await using var connection = new SqliteConnection(BatchCycle.Storage.SqliteFiles.ConnectionString(scenario.Database));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE ReminderOutbox SET TextBody = $body";
        command.Parameters.AddWithValue("$body", body);
        await command.ExecuteNonQueryAsync();
    }
}
