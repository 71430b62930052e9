using System.Globalization;
using System.Net;

namespace BatchCycle.Tests.Dashboard;

/// <summary>Guessing is limited per account whatever the addresses, and per address whatever the accounts.</summary>
public sealed class DashboardLockoutTests
{
    private const string WrongAnswer = "Wrong user name or password";

    [Fact]
    public async Task Guesses_spread_over_many_addresses_lock_the_account_everywhere()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var checkedPasswords = 0;
        for (var address = 1; address <= 10; address++)
        {
            using var client = host.Client($"127.0.0.{address + 1}");
            for (var guess = 0; guess < 6; guess++)
            {
                var response = await DashboardTestHost.SignInAsync(client, DashboardTestHost.UserName, string.Create(CultureInfo.InvariantCulture, $"guess {address} {guess}"));
                checkedPasswords += (await response.Content.ReadAsStringAsync()).Contains(WrongAnswer, StringComparison.Ordinal) ? 1 : 0;
            }
        }

        using var fresh = host.Client("127.0.0.200");
        var right = await DashboardTestHost.SignInAsync(fresh, DashboardTestHost.UserName, DashboardTestHost.Password);

        Assert.Equal(5, checkedPasswords);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task One_address_trying_many_names_is_locked_for_every_name_while_others_still_sign_in()
    {
        await using var host = await DashboardTestHost.StartAsync(d => d.SignInMaxFailuresPerAddress = 8);
        using var guesser = host.Client("127.0.0.9");
        for (var name = 0; name < 8; name++)
        {
            var response = await DashboardTestHost.SignInAsync(guesser, "user" + name.ToString(CultureInfo.InvariantCulture), "Summer2025!summer");
            Assert.Contains(WrongAnswer, await response.Content.ReadAsStringAsync());
        }

        var fromGuesser = await DashboardTestHost.SignInAsync(guesser, DashboardTestHost.UserName, DashboardTestHost.Password);
        using var colleague = host.Client("127.0.0.10");
        var fromColleague = await DashboardTestHost.SignInAsync(colleague, DashboardTestHost.UserName, DashboardTestHost.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, fromGuesser.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fromColleague.StatusCode);
    }

    [Fact]
    public async Task An_unknown_name_gets_the_same_answers_as_a_known_one()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var answers = new Dictionary<string, List<(HttpStatusCode, bool)>>();
        foreach (var name in new[] { DashboardTestHost.UserName, "nobody-here" })
        {
            using var client = host.Client("127.0.0.3");
            answers[name] = [];
            for (var guess = 0; guess < 6; guess++)
            {
                var response = await DashboardTestHost.SignInAsync(client, name, "not the password " + guess.ToString(CultureInfo.InvariantCulture));
                answers[name].Add((response.StatusCode, (await response.Content.ReadAsStringAsync()).Contains(WrongAnswer, StringComparison.Ordinal)));
            }
        }

        Assert.Equal(answers[DashboardTestHost.UserName], answers["nobody-here"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, answers["nobody-here"][^1].Item1);
    }
}
