using System.Net;
using Microsoft.Data.Sqlite;

namespace BatchCycle.Tests.Dashboard;

public sealed class DashboardRemindersTests
{
    [Fact]
    public async Task Without_an_outbox_the_reminders_page_says_nothing_was_drafted()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();

        var html = await client.GetStringAsync("/reminders");

        Assert.Contains("No reminders have been drafted", html);
    }

    [Fact]
    public async Task The_reminders_page_counts_each_round_by_state_and_send_reports_the_sender()
    {
        await using var host = await DashboardTestHost.StartAsync(beforeStart: async db =>
        {
            await using var connection = new SqliteConnection(BatchCycle.Storage.BatchCycleDb.ConnectionString(db));
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE ReminderOutbox (Id INTEGER PRIMARY KEY, Round TEXT NOT NULL, LabelSerial TEXT NOT NULL, State TEXT NOT NULL, Recipient TEXT NULL);
                INSERT INTO ReminderOutbox (Round, LabelSerial, State, Recipient) VALUES
                  ('2025-opening', '2023-M-0001', 'Drafted', 'a@example.com'),
                  ('2025-opening', '2023-M-0002', 'Drafted', 'b@example.com'),
                  ('2025-opening', '2023-M-0003', 'Sent', 'c@example.com'),
                  ('2025-opening', '2023-T-0001', 'NoEmail', NULL),
                  ('2025-closing', '2023-S-0001', 'Failed', 'd@example.com');
                """;
            await command.ExecuteNonQueryAsync();
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
        Assert.Contains("round 2025-opening was not sent", await client.GetStringAsync("/reminders"));
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
