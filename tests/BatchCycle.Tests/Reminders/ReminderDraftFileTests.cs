using System.Globalization;
using BatchCycle.Cycle;
using BatchCycle.Reminders;

namespace BatchCycle.Tests.Reminders;

/// <summary>The <c>.eml</c> drafts as files: what a mail program opening them sees, and what a cut-off run leaves.</summary>
public sealed class ReminderDraftFileTests
{
    private static readonly DateOnly ExpiringThisYear = new(2023, 12, 19);

    [Theory]
    [InlineData(null, 8)] // the cycle's own zone, Asia/Hong_Kong, when the settings name none
    [InlineData("Asia/Hong_Kong", 8)]
    [InlineData("UTC", 0)]
    public async Task A_draft_is_dated_in_the_cycle_time_zone_with_utf8_parts_and_no_pickup_headers(string? zone, int offsetHours)
    {
        using var scenario = new ReminderScenario();
        if (zone is not null)
        {
            scenario.Settings.TimeZone = zone;
        }

        await scenario.DraftAsync(ReminderScenario.Data([ReminderScenario.Label("2023-M-0001", LabelType.M, ExpiringThisYear)]));

        var draft = Assert.Single(PythonTools.ReadMessages([scenario.RemindersFolder("2023-M-0001.eml")]));
        var row = Assert.Single(await scenario.OutboxAsync());
        var date = DateTimeOffset.Parse(draft.Date!, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(offsetHours), date.Offset);
        Assert.Equal(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc), date.UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(draft.Headers, h => h.StartsWith("X-", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["utf-8", "utf-8"], draft.Charsets);
        Assert.Equal(["text/plain", "text/html"], draft.Parts);
        Assert.Empty(draft.Defects);
    }

    [Fact]
    public async Task What_a_cut_off_run_left_while_writing_drafts_is_gone_after_the_next_run()
    {
        using var scenario = new ReminderScenario();
        var data = ReminderScenario.Data([ReminderScenario.Label("2023-M-0001", LabelType.M, ExpiringThisYear)]);
        await scenario.DraftAsync(data);

        // A run killed while writing drafts leaves a hidden partial draft (or, from earlier versions, a pickup folder).
        var pickup = Directory.CreateDirectory(scenario.RemindersFolder(".pickup-" + Guid.NewGuid().ToString("N")));
        File.WriteAllText(Path.Combine(pickup.FullName, Guid.NewGuid().ToString("N") + ".eml"), "half a message");
        File.WriteAllText(scenario.RemindersFolder($".2023-M-0001.eml.{Guid.NewGuid():N}.partial"), "half a message");

        await scenario.DraftAsync(data);

        Assert.Equal(["2023-M-0001.eml", "reminders.csv"], Directory.GetFileSystemEntries(scenario.RemindersFolder()).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
