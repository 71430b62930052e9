using System.Net;
using System.Text.RegularExpressions;
using BatchCycle.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BatchCycle.Tests.Dashboard;

/// <summary>The Reminders page's Send for results notices is the sender of <c>notices send</c>: each notice arrives once.</summary>
public sealed partial class DashboardNoticeSendTests
{
    [Fact]
    public async Task Send_pressed_twice_delivers_each_notice_once_and_the_counts_follow()
    {
        using var server = SmtpTestServer.Start();
        await using var host = await StartAsync(server.Port);
        using var client = await host.SignedInClientAsync();
        Assert.Equal(("2", "1", "0"), Counts(await client.GetStringAsync("/reminders")));

        var first = await SendAsync(client);
        var second = await SendAsync(client);

        Assert.Contains("Results notices: 2 sent now, 0 sent before, 0 failed, 0 uncertain, 1 without an e-mail address", first, StringComparison.Ordinal);
        Assert.Contains("结果通知：本次发送 2 封", first, StringComparison.Ordinal);
        Assert.Contains("Results notices: 0 sent now, 2 sent before", second, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["<notice.a@example.org>"] = 1, ["<notice.b@example.org>"] = 1 }, server.ReceivedPerMessageId);
        Assert.Equal(("0", "1", "2"), Counts(await client.GetStringAsync("/reminders")));
    }

    [Fact]
    public async Task Send_needs_a_token_and_a_signed_in_user()
    {
        using var server = SmtpTestServer.Start();
        await using var host = await StartAsync(server.Port);
        using var client = await host.SignedInClientAsync();
        using var anonymous = host.Client();
        var anonymousToken = await DashboardTestHost.TokenAsync(anonymous, "/signin");

        var noToken = await client.PostAsync("/reminders?handler=SendNotices", new FormUrlEncodedContent([]));
        var signedOut = await anonymous.PostAsync("/reminders?handler=SendNotices", Form(anonymousToken));
        var get = await client.GetAsync("/reminders?handler=SendNotices");

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/signin", signedOut.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Empty(server.ReceivedPerMessageId);
    }

    private static Task<DashboardTestHost> StartAsync(int port) => DashboardTestHost.StartAsync(
        beforeStart: async db =>
        {
            await using var connection = new SqliteConnection(BatchCycle.Storage.SqliteFiles.ConnectionString(db));
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO NoticeOutbox (Year, ApplicationId, Version, LabelType, Decision, HolderName, Recipient, Subject, TextBody, HtmlBody, MessageId, State, Attempts, NextAttemptAt, CreatedAt) VALUES
                  (2025, 'CPP2025-M-1', 1, 'M', 'Approve', '甲', 'a@example.com', '结果通知 Results', '文字 text', '<p>文字 html</p>', '<notice.a@example.org>', 'Drafted', 0, '2025-05-14 00:00:00', '2025-05-14 00:00:00'),
                  (2025, 'CPP2025-S-1', 1, 'S', 'Reject', '乙', 'b@example.com', '结果通知 Results', '文字 text', '<p>文字 html</p>', '<notice.b@example.org>', 'Drafted', 0, '2025-05-14 00:00:00', '2025-05-14 00:00:00'),
                  (2025, 'CPP2025-E-1', 1, 'E', 'Defer', '丙', NULL, '结果通知 Results', '文字 text', '<p>文字 html</p>', '<notice.c@example.org>', 'NoEmail', 0, NULL, '2025-05-14 00:00:00');
                """;
            await command.ExecuteNonQueryAsync();
        },
        settings: s =>
        {
            s.Smtp.Host = "127.0.0.1";
            s.Smtp.Port = port;
            s.Smtp.From = "cpp-label@example.org";
            s.Reminders.RetriesPerSend = 1;
            s.Reminders.RetryDelay = TimeSpan.Zero;
            s.Reminders.SmtpTimeout = TimeSpan.FromSeconds(10);
        });

    /// <summary>The notices row's Drafted, NoEmail and Sent counts as the page shows them.</summary>
    private static (string Drafted, string NoEmail, string Sent) Counts(string page)
    {
        string Of(string state) => Regex.Match(page, $"<td class=\"num\" data-state=\"{state}\">(\\d+)</td>").Groups[1].Value;
        return (Of("Drafted"), Of("NoEmail"), Of("Sent"));
    }

    private static FormUrlEncodedContent Form(string token) => new(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

    private static async Task<string> SendAsync(HttpClient client)
    {
        var token = await DashboardTestHost.TokenAsync(client, "/reminders");
        var response = await client.PostAsync("/reminders?handler=SendNotices", Form(token));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync("/reminders");
        return WebUtility.HtmlDecode(Alert().Match(page).Groups[1].Value);
    }

    [GeneratedRegex("<p class=\"alert\"[^>]*>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex Alert();
}
