using BatchCycle.Cycle;
using BatchCycle.Reminders;

namespace BatchCycle.Tests.Reminders;

public sealed class ReminderRedraftingTests
{
    private static readonly DateOnly ExpiringThisYear = new(2023, 12, 19);

    [Fact]
    public async Task Running_again_drafts_nothing_new_and_keeps_each_message_id()
    {
        using var scenario = new ReminderScenario();
        var data = ReminderScenario.Data(
        [
            ReminderScenario.Label("2023-M-0001", LabelType.M, ExpiringThisYear),
            ReminderScenario.Label("2023-M-0002", LabelType.M, ExpiringThisYear, email: null),
        ]);

        var first = await scenario.DraftAsync(data);
        var before = await scenario.OutboxAsync();
        var second = await scenario.DraftAsync(data);
        var after = await scenario.OutboxAsync();

        Assert.Equal((2L, 0L), (first.Counts["drafted"], first.Counts["unchanged"]));
        Assert.Equal((0L, 2L), (second.Counts["drafted"], second.Counts["unchanged"]));
        Assert.Equal(before.Select(r => (r.Id, r.MessageId, r.State, r.CreatedAt)), after.Select(r => (r.Id, r.MessageId, r.State, r.CreatedAt)));
        Assert.Equal("<reminder.first.2023-M-0001@example.org.hk>", PythonTools.ReadMessages([scenario.RemindersFolder("2023-M-0001.eml")]).Single().MessageId);
    }

    [Fact]
    public async Task An_unsent_draft_follows_a_corrected_address_and_is_withdrawn_once_the_holder_applies()
    {
        using var scenario = new ReminderScenario();
        await scenario.DraftAsync(ReminderScenario.Data([ReminderScenario.Label("2023-S-0001", LabelType.S, ExpiringThisYear, email: null, id: "12345678")]));
        Assert.Equal(ReminderState.NoEmail, Assert.Single(await scenario.OutboxAsync()).State);

        var corrected = await scenario.DraftAsync(ReminderScenario.Data([ReminderScenario.Label("2023-S-0001", LabelType.S, ExpiringThisYear, email: "new@holder.example.hk", id: "12345678")]));
        var row = Assert.Single(await scenario.OutboxAsync());
        Assert.Equal(1, corrected.Counts["refreshed"]);
        Assert.Equal((ReminderState.Drafted, "new@holder.example.hk"), (row.State, row.Recipient));
        Assert.True(File.Exists(scenario.RemindersFolder("2023-S-0001.eml")));

        var applied = await scenario.DraftAsync(ReminderScenario.Data(
            [ReminderScenario.Label("2023-S-0001", LabelType.S, ExpiringThisYear, email: "new@holder.example.hk", id: "12345678")],
            [ReminderScenario.Renewal("A1", LabelType.S, "12345678")]));
        Assert.Equal(1, applied.Counts["withdrawn"]);
        Assert.Contains(applied.Warnings, w => w.Contains("2023-S-0001", StringComparison.Ordinal));
        Assert.Empty(await scenario.OutboxAsync());
        Assert.False(File.Exists(scenario.RemindersFolder("2023-S-0001.eml")));
        Assert.Empty(PythonTools.ReadCsv(scenario.RemindersFolder("reminders.csv")));
    }

    [Theory]
    [InlineData("{{holderName}}\n{{#if contactName}}\nx\n", 2)]
    [InlineData("line one\n\n{{serial}} {{holdername}}\n", 3)]
    [InlineData("a\nb\nc {{serial\n", 3)]
    public void A_template_mistake_names_the_file_and_line(string text, int line)
    {
        using var temp = new Support.TempFolder();
        foreach (var file in Directory.GetFiles(Path.Combine(Support.Repo.Root, "templates"), "reminder*.hbs"))
        {
            File.Copy(file, temp.Combine(Path.GetFileName(file)));
        }

        File.WriteAllText(temp.Combine(ReminderTemplates.SubjectFile), text);

        // A mistake found only when rendering (an unknown name) is reported the same way as one found when loading.
        var error = Assert.Throws<ReminderTemplateException>(() => ReminderTemplates.Load(temp.Path).Render(BatchCycle.Certificates.HolderScript.Simplified, _ => new Dictionary<string, object?>
        {
            ["holderName"] = "H",
            ["contactName"] = null,
            ["serial"] = "S",
        }));
        Assert.Contains($"{ReminderTemplates.SubjectFile} has an error at line {line}", error.Message, StringComparison.Ordinal);
    }
}
