using BatchCycle.Cycle;

namespace BatchCycle.Tests.Reminders;

/// <summary>
/// A whole region's register: more labels due, and then withdrawn, than one SQLite statement takes values for
/// (32,766). A 300,000-application cycle once failed in the reminders stage on exactly this.
/// </summary>
public sealed class ReminderScaleTests
{
    private const int Labels = 33_000;

    [Fact]
    public async Task More_labels_due_than_a_statement_takes_values_are_drafted_and_then_withdrawn()
    {
        using var scenario = new ReminderScenario();

        // Without an address no draft file is written, so the test spends its time on the outbox, not the disk.
        var register = Enumerable.Range(1, Labels)
            .Select(i => ReminderScenario.Label($"2023-M-{i:00000}", LabelType.M, new DateOnly(2023, 12, 19), email: null))
            .ToList();

        var drafted = await scenario.DraftAsync(ReminderScenario.Data(register));
        Assert.Equal(Labels, drafted.Counts["drafted"]);
        Assert.Equal(Labels, (await scenario.OutboxAsync()).Count);

        var withdrawn = await scenario.DraftAsync(ReminderScenario.Data([]));
        Assert.Equal(Labels, withdrawn.Counts["withdrawn"]);
        Assert.Empty(await scenario.OutboxAsync());
    }
}
