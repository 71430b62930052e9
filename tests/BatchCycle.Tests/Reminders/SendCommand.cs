using System.Globalization;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Reminders;

/// <summary><c>reminders send</c> run as the real program on a scenario's database, against a test SMTP server's port.</summary>
public static class SendCommand
{
    public static string[] Args(ReminderScenario scenario, params string[] more) => ["reminders", "send", "--db", scenario.Database, .. more];

    public static Task<ProgramRunner.Result> RunAsync(ReminderScenario scenario, int port, Dictionary<string, string>? more = null, params string[] args) =>
        ProgramRunner.RunAsync(scenario.Root, Environment(port, more), Args(scenario, args));

    /// <summary>The SMTP port of the test server and short retry delays, as environment overrides of appsettings.json.</summary>
    public static Dictionary<string, string> Environment(int port, Dictionary<string, string>? more = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["BATCHCYCLE_BatchCycle__Smtp__Host"] = "127.0.0.1",
            ["BATCHCYCLE_BatchCycle__Smtp__Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["BATCHCYCLE_BatchCycle__Smtp__MaxAttempts"] = "5",
            ["BATCHCYCLE_BatchCycle__Reminders__RetriesPerSend"] = "1",
            ["BATCHCYCLE_BatchCycle__Reminders__RetryDelay"] = "00:00:00.05",
            ["BATCHCYCLE_BatchCycle__Reminders__RetryBackoff"] = "00:00:00",
            ["BATCHCYCLE_BatchCycle__Reminders__SmtpTimeout"] = "00:00:10",
        };
        foreach (var (name, value) in more ?? [])
        {
            environment[name] = value;
        }

        return environment;
    }
}
