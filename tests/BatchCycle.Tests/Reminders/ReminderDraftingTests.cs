using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Pipeline;
using BatchCycle.Reminders;

namespace BatchCycle.Tests.Reminders;

/// <summary>One drafted cycle shared by the cases below: a register and certificates covering every rule of docs/criteria.md "Renewal reminders".</summary>
public sealed class DraftedCycle : IAsyncLifetime
{
    public ReminderScenario Scenario { get; } = new();

    public IReadOnlyList<Dictionary<string, string>> Csv { get; private set; } = [];

    public IReadOnlyList<PythonTools.MimeMessage> Drafts { get; private set; } = [];

    public BatchCycle.Pipeline.StageOutcome Outcome { get; private set; } = BatchCycle.Pipeline.StageOutcome.Of();

    public async Task InitializeAsync()
    {
        var labels = new[]
        {
            ReminderScenario.Label("2023-M-0001", LabelType.M, new(2023, 12, 19), id: "F001"),
            ReminderScenario.Label("2023-M-0002", LabelType.M, new(2023, 1, 1), id: "F002"),
            ReminderScenario.Label("2023-M-0003", LabelType.M, new(2024, 1, 1), id: "F003"),
            ReminderScenario.Label("2023-M-0004", LabelType.M, new(2023, 12, 19), revoked: true, id: "F004"),
            ReminderScenario.Label("2023-E-0001", LabelType.E, new(2023, 12, 19), id: "F005"),
            ReminderScenario.Label("2023-E-0002", LabelType.E, new(2023, 12, 19), id: "F006"),
            ReminderScenario.Label("2023-S-0001", LabelType.S, new(2023, 12, 19), id: "12345678"),
            ReminderScenario.Label("2023-S-0002", LabelType.S, new(2023, 12, 19), id: "87654321"),
            ReminderScenario.Label("2024-T-0001", LabelType.T, new(2024, 10, 31), id: "P001"),
            ReminderScenario.Label("2024-T-0002", LabelType.T, new(2024, 10, 31), id: "P002"),
            ReminderScenario.Label("2023-M-0005", LabelType.M, new(2023, 12, 19), email: null, id: "F007"),
            ReminderScenario.Label("2023-M-0006", LabelType.M, new(2023, 12, 19), email: "not an address", id: "F008"),
        };
        var applications = new[]
        {
            ReminderScenario.Renewal("A1", LabelType.E, "F005"),
            ReminderScenario.Renewal("A2", LabelType.M, "F006"),
            ReminderScenario.Renewal("A3", LabelType.S, "12345678"),
            ReminderScenario.Renewal("A4", LabelType.T, "P001"),
            ReminderScenario.Renewal("A5", LabelType.M, "F001", ApplicationKind.New),
        };
        await Scenario.AddCertificateAsync("2023-M-0101", LabelType.M, new(2023, 12, 19), "issued@holder.example.hk");
        await Scenario.AddCertificateAsync("2025-M-0001", LabelType.M, new(2025, 12, 16), "later@holder.example.hk");
        await Scenario.AddCertificateAsync("2023-S-0101", LabelType.S, new(2023, 12, 19), "revoked@holder.example.hk", revoked: true);
        Outcome = await Scenario.DraftAsync(ReminderScenario.Data(labels, applications));
        Csv = PythonTools.ReadCsv(Scenario.RemindersFolder("reminders.csv"));
        Drafts = PythonTools.ReadMessages(Directory.GetFiles(Scenario.RemindersFolder(), "*.eml"));
    }

    public Task DisposeAsync()
    {
        Scenario.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class ReminderDraftingTests(DraftedCycle cycle) : IClassFixture<DraftedCycle>
{
    [Theory]
    [InlineData("2023-M-0001", "Drafted")] // expires 2025-12-18; a NEW application of the factory does not count as renewal
    [InlineData("2023-M-0002", null)] // expired 2024-12-31
    [InlineData("2023-M-0003", "Drafted")] // expires 2025-12-31, the last day of the cycle year
    [InlineData("2023-M-0004", null)] // revoked
    [InlineData("2023-E-0001", null)] // E renewal of the same factory
    [InlineData("2023-E-0002", "Drafted")] // the factory's renewal application is for M, not E
    [InlineData("2023-S-0001", null)] // S renewal with the holder's registration number
    [InlineData("2023-S-0002", "Drafted")]
    [InlineData("2024-T-0001", null)] // T renewal by the same provider
    [InlineData("2024-T-0002", "Drafted")] // one-year label expiring 2025-10-30
    [InlineData("2023-M-0005", "NoEmail")]
    [InlineData("2023-M-0006", "NoEmail")] // an address that is not one
    [InlineData("2023-M-0101", "Drafted")] // issued by this system, expiring this year
    [InlineData("2025-M-0001", null)] // issued by this system, expiring 2027
    [InlineData("2023-S-0101", null)] // issued by this system, revoked
    public void A_label_gets_a_reminder_exactly_when_it_expires_this_year_unrevoked_and_unrenewed(string serial, string? status)
    {
        var row = cycle.Csv.SingleOrDefault(r => r["LabelSerial"] == serial);
        Assert.Equal(status, row?["Status"]);
        Assert.Equal(status == "Drafted", File.Exists(cycle.Scenario.RemindersFolder(serial + ".eml")));
    }

    [Fact]
    public void The_csv_lists_type_holder_address_and_expiry_and_nothing_is_silently_skipped()
    {
        var row = cycle.Csv.Single(r => r["LabelSerial"] == "2024-T-0002");
        Assert.Equal(["LabelSerial", "LabelType", "HolderName", "ContactEmail", "ExpiresOn", "Status"], row.Keys);
        Assert.Equal(("T", "港粤精密制造有限公司 2024-T-0002", "contact@holder.example.hk", "2025-10-30"), (row["LabelType"], row["HolderName"], row["ContactEmail"], row["ExpiresOn"]));
        Assert.Equal(2, cycle.Outcome.Counts["noEmail"]);
        Assert.Contains(cycle.Outcome.Warnings, w => w.Contains("2023-M-0005", StringComparison.Ordinal) && w.Contains("no e-mail address", StringComparison.Ordinal));
        Assert.Contains(cycle.Outcome.Warnings, w => w.Contains("2023-M-0006", StringComparison.Ordinal) && w.Contains("not an e-mail address", StringComparison.Ordinal));
        Assert.Equal(2, cycle.Outcome.Counts["skippedRevoked"]);
        Assert.Equal(3, cycle.Outcome.Counts["skippedRenewalApplied"]);
    }

    [Fact]
    public void Every_draft_is_a_multipart_alternative_message_with_its_own_message_id_and_the_secretariat_as_sender()
    {
        Assert.Equal(6, cycle.Drafts.Count);
        foreach (var draft in cycle.Drafts)
        {
            var serial = Path.GetFileNameWithoutExtension(draft.File);
            Assert.Empty(draft.Defects);
            Assert.Equal("multipart/alternative", draft.ContentType);
            Assert.Equal(["text/plain", "text/html"], draft.Parts);
            Assert.Equal("cpp-label@example.org.hk", draft.From);
            Assert.Equal($"<reminder.first.{serial}@example.org.hk>", draft.MessageId);
            Assert.Contains(serial, draft.Subject, StringComparison.Ordinal);
        }
    }

    // M and E holders and an S holder with a BR number are Hong Kong companies (Traditional Chinese); the T provider
    // has no registration number and gets the guide's Simplified Chinese (docs/outputs.md "Languages").
    [Theory]
    [InlineData("2023-M-0001", "粵港清潔生產夥伴（製造業）", "Manufacturing Partner", "2025-12-18", "2023年12月19日 至 2025年7月21日", "市級「清潔生產企業」", "香港九龍達之路78號生產力大樓")]
    [InlineData("2023-E-0002", "粵港清潔生產優越夥伴（製造業）", "Manufacturing Outstanding Partner", "2025-12-18", "2023年12月19日 至 2025年7月21日", "綠色工廠", "香港九龍達之路78號生產力大樓")]
    [InlineData("2023-S-0002", "粵港清潔生產夥伴（供應鏈）", "Supply Chain Partner", "2025-12-18", "2023年12月19日 至 2025年7月21日", "再推薦至少三家", "香港九龍達之路78號生產力大樓")]
    [InlineData("2024-T-0002", "粤港清洁生产伙伴（技术服务）", "Technical Service Partner", "2025-10-30", "自 2024年5月14日 起", "不少于三个", "香港九龙达之路78号生产力大楼")]
    public void A_draft_states_label_serial_expiry_deadline_requirements_and_contacts_Chinese_first(
        string serial, string nameZh, string nameEn, string expires, string window, string requirement, string address)
    {
        var draft = cycle.Drafts.Single(d => Path.GetFileName(d.File) == serial + ".eml");
        Assert.Contains(nameZh, draft.Subject, StringComparison.Ordinal);
        Assert.Contains(nameEn, draft.Subject, StringComparison.Ordinal);
        Assert.Equal(["contact@holder.example.hk"], draft.To);
        foreach (var body in new[] { draft.Text!, draft.Html! })
        {
            foreach (var expected in new[] { nameZh, nameEn, serial, expires, "2025-07-21", window, requirement, "cpp-label@example.org.hk", "+852 2788 5000", address })
            {
                Assert.Contains(expected, body, StringComparison.Ordinal);
            }

            Assert.True(body.IndexOf(nameZh, StringComparison.Ordinal) < body.IndexOf(nameEn, StringComparison.Ordinal), "Chinese comes before English.");
        }

        Assert.DoesNotContain("<", draft.Text!, StringComparison.Ordinal);
    }
}
