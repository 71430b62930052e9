using System.Net;
using Microsoft.Data.Sqlite;

namespace BatchCycle.Tests.Dashboard;

public sealed class DashboardRemindersTests
{
    [Fact]
    public async Task With_an_empty_outbox_the_reminders_page_says_nothing_was_drafted()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();

        var html = await client.GetStringAsync("/reminders");

        Assert.Contains("No reminders have been drafted", html);
    }

    [Fact]
    public async Task The_reminders_page_counts_each_round_by_state_and_send_reports_the_sender()
    {
        var closedPort = ClosedPort();
        await using var host = await DashboardTestHost.StartAsync(
            beforeStart: async db =>
            {
                await using var connection = new SqliteConnection(BatchCycle.Storage.SqliteFiles.ConnectionString(db));
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO ReminderOutbox (Round, Year, LabelSerial, LabelType, HolderName, ExpiresOn, Recipient, Subject, TextBody, HtmlBody, MessageId, State, Attempts, NextAttemptAt, CreatedAt) VALUES
                      ('2025-opening', 2025, '2023-M-0001', 'M', '甲', '2025-12-18', 'a@example.com', 's', 't', 'h', '<a@example.org>', 'Drafted', 0, '2025-05-14 00:00:00', '2025-05-14 00:00:00'),
                      ('2025-opening', 2025, '2023-M-0002', 'M', '乙', '2025-12-18', 'b@example.com', 's', 't', 'h', '<b@example.org>', 'Drafted', 0, '2025-05-14 00:00:00', '2025-05-14 00:00:00'),
                      ('2025-opening', 2025, '2023-M-0003', 'M', '丙', '2025-12-18', 'c@example.com', 's', 't', 'h', '<c@example.org>', 'Sent', 1, NULL, '2025-05-14 00:00:00'),
                      ('2025-opening', 2025, '2023-T-0001', 'T', '丁', '2025-10-30', NULL, 's', 't', 'h', '<d@example.org>', 'NoEmail', 0, NULL, '2025-05-14 00:00:00'),
                      ('2025-closing', 2025, '2023-S-0001', 'S', '戊', '2025-12-18', 'd@example.com', 's', 't', 'h', '<e@example.org>', 'Failed', 1, '2025-05-14 00:00:00', '2025-05-14 00:00:00');
                    """;
                await command.ExecuteNonQueryAsync();
            },
            settings: s =>
            {
                // Nothing listens on the port: the Send button must report the refusal and keep the messages queued.
                s.Smtp.Port = closedPort;
                s.Smtp.From = "cpp-label@example.org";
                s.Reminders.RetriesPerSend = 0;
            });
        using var client = await host.SignedInClientAsync();

        var html = await client.GetStringAsync("/reminders");

        var opening = Row(html, "2025-opening");
        Assert.Equal(["2", "1", "0", "1", "0", "0"], Numbers(opening));
        Assert.Equal(["0", "0", "0", "0", "1", "0"], Numbers(Row(html, "2025-closing")));

        var token = await DashboardTestHost.TokenAsync(client, "/reminders");
        var response = await client.PostAsync("/reminders?handler=Send", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["round"] = "2025-opening",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetStringAsync("/reminders");
        var alert = System.Text.RegularExpressions.Regex.Match(after, "<p class=\"alert\"[^>]*>(.*?)</p>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.True(alert.Contains("Round 2025-opening: 0 sent now, 1 sent before, 2 failed", StringComparison.Ordinal), alert);
        Assert.Equal(["0", "1", "0", "1", "2", "0"], Numbers(Row(after, "2025-opening")));
    }

    private static int ClosedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string Row(string html, string round)
    {
        var start = html.IndexOf($"data-round=\"{round}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row for {round}.");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static string[] Numbers(string row) =>
        [.. System.Text.RegularExpressions.Regex.Matches(row, "<td class=\"num\">(\\d+)</td>").Select(m => m.Groups[1].Value)];
}
