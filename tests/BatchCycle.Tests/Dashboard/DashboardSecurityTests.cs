using System.Net;
using System.Net.Http.Headers;

namespace BatchCycle.Tests.Dashboard;

public sealed class DashboardSecurityTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/runs")]
    [InlineData("/runs?state=Failed")]
    [InlineData("/runs/1")]
    [InlineData("/runs/1/status")]
    [InlineData("/runs/1/files?path=run-summary.json")]
    [InlineData("/upload")]
    [InlineData("/schedules")]
    [InlineData("/reminders")]
    [InlineData("/signout")]
    public async Task Every_page_but_sign_in_and_verify_sends_a_stranger_to_sign_in(string page)
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = host.Client();

        var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stranger_cannot_post_either()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = host.Client();
        var token = await DashboardTestHost.TokenAsync(client, "/signin");

        var response = await client.PostAsync("/schedules?handler=Trigger", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "nightly",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_sets_an_http_only_strict_cookie_and_leads_to_the_runs()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = host.Client();

        var response = await DashboardTestHost.SignInAsync(client, DashboardTestHost.UserName, DashboardTestHost.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/runs", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("batchcycle.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/runs")).StatusCode);
    }

    [Theory]
    [InlineData("/schedules", "/schedules")]
    [InlineData("https://evil.example/phish", "/runs")]
    [InlineData("//evil.example/phish", "/runs")]
    public async Task After_sign_in_only_a_local_return_address_is_followed(string returnUrl, string expected)
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = host.Client();
        var token = await DashboardTestHost.TokenAsync(client, "/signin");

        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = DashboardTestHost.UserName,
            ["Password"] = DashboardTestHost.Password,
            ["ReturnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = host.Client();

        var response = await DashboardTestHost.SignInAsync(client, DashboardTestHost.UserName, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong user name or password", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/runs")).StatusCode);
    }

    [Fact]
    public async Task Five_failures_lock_the_user_even_against_the_right_password()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = host.Client();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var failed = await DashboardTestHost.SignInAsync(client, DashboardTestHost.UserName, "guess " + attempt);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var locked = await DashboardTestHost.SignInAsync(client, DashboardTestHost.UserName, DashboardTestHost.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("Too many failed sign-ins", await locked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/runs")).StatusCode);
    }

    [Fact]
    public async Task Four_failures_do_not_lock_the_user()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = host.Client();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await DashboardTestHost.SignInAsync(client, DashboardTestHost.UserName, "guess " + attempt);
        }

        var response = await DashboardTestHost.SignInAsync(client, DashboardTestHost.UserName, DashboardTestHost.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [InlineData("/signin")]
    [InlineData("/signout")]
    [InlineData("/schedules?handler=Trigger")]
    [InlineData("/schedules?handler=Pause")]
    [InlineData("/reminders?handler=Send")]
    [InlineData("/runs/1?handler=Resume")]
    public async Task A_post_without_the_anti_forgery_token_is_refused(string page)
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();

        var response = await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "nightly", ["round"] = "2025" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Bad request", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_upload_without_the_anti_forgery_token_stores_nothing()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();
        using var form = new MultipartFormDataContent { { new StringContent("2025"), "Year" } };
        form.Add(new ByteArrayContent("a,b\n1,2\n"u8.ToArray()), "files", "applications.csv");

        var response = await client.PostAsync("/upload", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(Directory.Exists(host.Options.InboxFolder(2025)) && Directory.EnumerateFiles(host.Options.InboxFolder(2025)).Any());
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = host.Client();

        var response = await client.GetAsync("/signin");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Signing_out_is_a_post_and_ends_the_session()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signout")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/runs")).StatusCode);
        var token = await DashboardTestHost.TokenAsync(client, "/signout");
        var response = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/runs")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_page_is_a_plain_404()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var client = await host.SignedInClientAsync();

        var response = await client.GetAsync("/runs/999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync());
        Assert.Equal(MediaTypeHeaderValue.Parse("text/html; charset=utf-8"), response.Content.Headers.ContentType);
    }
}
