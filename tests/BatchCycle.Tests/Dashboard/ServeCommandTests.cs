using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Dashboard;

public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("BATCHCYCLE_BatchCycle__Schedules__0__Cron", "61 * * * * ?", "is not a cron expression")]
    [InlineData("BATCHCYCLE_BatchCycle__Schedules__0__TimeZone", "Mars/Olympus_Mons", "is not a time zone this machine knows")]
    [InlineData("BATCHCYCLE_BatchCycle__Schedules__0__Action", "dance", "the only action is 'run'")]
    [InlineData("BATCHCYCLE_BatchCycle__Dashboard__TimeZone", "Nowhere/Town", "BatchCycle:Dashboard:TimeZone 'Nowhere/Town'")]
    public async Task Serve_refuses_a_wrong_schedule_setting_with_a_message_and_no_stack_trace(string variable, string value, string message)
    {
        using var temp = new TempFolder();
        var environment = new Dictionary<string, string> { [variable] = value };

        var result = await ProgramRunner.RunAsync(temp.Path, environment, "serve", "--urls", "http://127.0.0.1:0", "--db", "serve.db");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Fact]
    public async Task Serve_says_so_when_its_address_is_taken()
    {
        using var temp = new TempFolder();
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";

        var result = await ProgramRunner.RunAsync(temp.Path, "serve", "--urls", url, "--db", "serve.db", "--data", "data");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"could not listen on {url}", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }
}
