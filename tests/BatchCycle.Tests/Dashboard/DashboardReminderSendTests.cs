using System.Net;
using System.Text.RegularExpressions;
using BatchCycle.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BatchCycle.Tests.Dashboard;

/// <summary>The Reminders page's Send is the outbox sender of <c>reminders send</c>: the same at-most-once guarantee.</summary>
public sealed partial class DashboardReminderSendTests
{
    [Fact]
    public async Task Send_pressed_twice_against_a_server_that_never_confirms_delivers_each_message_once_and_says_uncertain()
    {
        using var server = SmtpTestServer.Start(new SmtpFault(SmtpFaultKind.CloseAfterDot));
        await using var host = await DashboardTestHost.StartAsync(
            beforeStart: async db =>
            {
                await using var connection = new SqliteConnection(BatchCycle.Storage.SqliteFiles.ConnectionString(db));
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO ReminderOutbox (Round, Year, LabelSerial, LabelType, HolderName, ExpiresOn, Recipient, Subject, TextBody, HtmlBody, MessageId, State, Attempts, NextAttemptAt, CreatedAt) VALUES
                      ('first', 2025, '2023-M-0001', 'M', '甲', '2025-12-18', 'a@example.com', '续期提示 Renewal', '文字 text', '<p>文字 html</p>', '<a@example.org>', 'Drafted', 0, '2025-05-14 00:00:00', '2025-05-14 00:00:00'),
                      ('first', 2025, '2023-M-0002', 'M', '乙', '2025-12-18', 'b@example.com', '续期提示 Renewal', '文字 text', '<p>文字 html</p>', '<b@example.org>', 'Drafted', 0, '2025-05-14 00:00:00', '2025-05-14 00:00:00');
                    """;
                await command.ExecuteNonQueryAsync();
            },
            settings: s =>
            {
                s.Smtp.Host = "127.0.0.1";
                s.Smtp.Port = server.Port;
                s.Smtp.From = "cpp-label@example.org";
                s.Reminders.RetriesPerSend = 1;
                s.Reminders.RetryDelay = TimeSpan.Zero;
                s.Reminders.SmtpTimeout = TimeSpan.FromSeconds(10);
            });
        using var client = await host.SignedInClientAsync();

        var first = await SendAsync(client);
        var second = await SendAsync(client);

        Assert.Contains("0 sent now, 0 sent before, 0 failed, 2 uncertain", first, StringComparison.Ordinal);
        Assert.Contains("2 uncertain", second, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["<a@example.org>"] = 1, ["<b@example.org>"] = 1 }, server.ReceivedPerMessageId);
    }

    private static async Task<string> SendAsync(HttpClient client)
    {
        var token = await DashboardTestHost.TokenAsync(client, "/reminders");
        var response = await client.PostAsync("/reminders?handler=Send", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["round"] = "first",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync("/reminders");
        return WebUtility.HtmlDecode(Alert().Match(page).Groups[1].Value);
    }

    [GeneratedRegex("<p class=\"alert\"[^>]*>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex Alert();
}
