using BatchCycle.Storage;
using System.Net;
using BatchCycle.Dashboard.Accounts;

namespace BatchCycle.Tests.Dashboard;

/// <summary>A session ends on the server: a copy of its cookie is of no use once it has.</summary>
public sealed class DashboardSessionTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Signs in and returns the sign-in cookie as a browser would send it back.</summary>
    private static async Task<string> SignInCookieAsync(HttpClient client)
    {
        var response = await DashboardTestHost.SignInAsync(client, DashboardTestHost.UserName, DashboardTestHost.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("batchcycle.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<HttpStatusCode> RunsWithCookieAsync(DashboardTestHost host, string cookie)
    {
        using var bare = host.BareClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/runs");
        request.Headers.Add("Cookie", cookie);
        return (await bare.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task A_cookie_copied_before_signing_out_no_longer_opens_the_runs()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = host.Client();
        var copied = await SignInCookieAsync(client);
        Assert.Equal(HttpStatusCode.OK, await RunsWithCookieAsync(host, copied));

        var token = await DashboardTestHost.TokenAsync(client, "/signout");
        var signedOut = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await RunsWithCookieAsync(host, copied));
    }

    [Theory]
    [InlineData("passwd")]
    [InlineData("disable")]
    [InlineData("remove")]
    public async Task Changing_the_password_disabling_or_removing_the_account_ends_its_open_sessions(string change)
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = host.Client();
        var cookie = await SignInCookieAsync(client);
        Assert.Equal(HttpStatusCode.OK, await RunsWithCookieAsync(host, cookie));

        var refusal = change switch
        {
            "passwd" => await UserAccounts.SetPasswordAsync(BatchCycleDatabase.Sqlite(host.DatabasePath), DashboardTestHost.UserName, "a brand new pass phrase", CancellationToken.None),
            "disable" => await UserAccounts.SetDisabledAsync(BatchCycleDatabase.Sqlite(host.DatabasePath), DashboardTestHost.UserName, true, CancellationToken.None),
            _ => await UserAccounts.RemoveAsync(BatchCycleDatabase.Sqlite(host.DatabasePath), DashboardTestHost.UserName, CancellationToken.None),
        };

        Assert.Null(refusal);
        Assert.Equal(HttpStatusCode.Redirect, await RunsWithCookieAsync(host, cookie));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_is_told_only_that_the_sign_in_failed()
    {
        await using var host = await DashboardTestHost.StartAsync();
        Assert.Null(await UserAccounts.SetDisabledAsync(BatchCycleDatabase.Sqlite(host.DatabasePath), DashboardTestHost.UserName, true, CancellationToken.None));
        using var client = host.Client();

        var response = await DashboardTestHost.SignInAsync(client, DashboardTestHost.UserName, DashboardTestHost.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong user name or password", await response.Content.ReadAsStringAsync());
        Assert.Null(await UserAccounts.SetDisabledAsync(BatchCycleDatabase.Sqlite(host.DatabasePath), DashboardTestHost.UserName, false, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardTestHost.SignInAsync(client, DashboardTestHost.UserName, DashboardTestHost.Password)).StatusCode);
    }

    [Fact]
    public async Task A_busy_session_still_ends_at_the_absolute_lifetime()
    {
        var clock = new ManualClock();
        await using var host = await DashboardTestHost.StartAsync(d =>
        {
            d.SessionSlidingHours = 8;
            d.SessionAbsoluteHours = 12;
        }, time: clock);
        using var client = await host.SignedInClientAsync();

        // Used every few hours, the sliding expiry alone would keep it open for ever.
        foreach (var hours in new[] { 3, 3, 3, 2.9 })
        {
            clock.Now = clock.Now.AddHours(hours);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/runs")).StatusCode);
        }

        clock.Now = clock.Now.AddHours(0.2);

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/runs")).StatusCode);
    }
}
