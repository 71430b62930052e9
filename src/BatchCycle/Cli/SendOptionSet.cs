using System.CommandLine;
using BatchCycle.Reminders;

namespace BatchCycle.Cli;

/// <summary>The options of the verbs that send drafted messages (<c>reminders send</c>, <c>notices send</c>), declared once.</summary>
/// <param name="noun">What is sent, as the descriptions name it: "messages", "notices".</param>
public sealed class SendOptionSet(string noun)
{
    public Option<string?> Database { get; } = RunArguments.DatabaseOption();

    public Option<bool> RetryUncertain { get; } = new("--retry-uncertain") { Description = $"Send again the {noun} marked Uncertain (do this only after checking they did not arrive)." };

    public Option<bool> RetryFailed { get; } = new("--retry-failed") { Description = $"Try again, from attempt one, the {noun} that failed too often." };

    public SendOptions Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new(parse.GetValue(RetryUncertain), parse.GetValue(RetryFailed));
    }
}
