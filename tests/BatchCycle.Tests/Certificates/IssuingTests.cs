using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Storage;
using static BatchCycle.Tests.Certificates.CertificateCycle;

namespace BatchCycle.Tests.Certificates;

/// <summary>Which applications get a certificate, with which serial and record, and that issuing is idempotent.</summary>
public sealed class IssuingTests
{
    private static CycleData ThreeDecisions() => Data(
        [
            Application("A-M-2", LabelType.M, "港粤制衣有限公司", "HK Garments Ltd", "91440300MA5X", "东莞港粤制衣厂"),
            Application("A-M-1", LabelType.M, "华南电子有限公司", factoryId: "H12345678", factoryName: "华南电子香港厂"),
            Application("A-S-1", LabelType.S, "绿链贸易有限公司", registrationNo: "87654321"),
            Application("A-T-1", LabelType.T, "清源环保技术有限公司", providerId: "ETS-007"),
            Application("A-E-1", LabelType.E, "卓越印刷有限公司", factoryId: "F-E1", factoryName: "卓越印刷厂"),
        ],
        [
            Decision("A-M-2", PanelDecisionValue.Approve),
            Decision("A-M-1", PanelDecisionValue.Approve),
            Decision("A-S-1", PanelDecisionValue.Defer),
            Decision("A-S-1", PanelDecisionValue.Approve, row: 9),
            Decision("A-T-1", PanelDecisionValue.Approve),
            Decision("A-E-1", PanelDecisionValue.Approve),
            Decision("A-E-1", PanelDecisionValue.Reject, row: 10),
            Decision("A-X-9", PanelDecisionValue.Approve),
        ]);

    [Fact]
    public async Task Each_application_approved_in_the_decisions_in_force_gets_one_certificate()
    {
        using var cycle = new CertificateCycle();
        var run = await cycle.NewRunAsync(ThreeDecisions());

        var outcome = await cycle.IssueAsync(run);

        var certificates = await cycle.CertificatesAsync();
        Assert.Equal(
            [("2025-M-0001", "A-M-1"), ("2025-M-0002", "A-M-2"), ("2025-S-0001", "A-S-1"), ("2025-T-0001", "A-T-1")],
            certificates.Select(c => (c.Serial, c.ApplicationId)).OrderBy(c => c.Serial, StringComparer.Ordinal));
        Assert.Equal(4, outcome.Counts["issued"]);
        Assert.Contains(outcome.Warnings, w => w.Contains("A-X-9", StringComparison.Ordinal) && w.Contains("panel.xlsx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_record_keeps_holder_factory_dates_contact_and_the_evidence_of_the_award()
    {
        using var cycle = new CertificateCycle();
        var titles = new[] { new Title("91440300MA5X", null, TitleType.MunicipalCpAudit, "SZ-AUD-88", new(2024, 3, 1), null, new SourceRow("titles.xlsx", "Titles", 5)) };
        var data = ThreeDecisions() with { Titles = titles };
        var run = await cycle.NewRunAsync(data, screening:
        [
            Met("A-M-2", "1.4", ""),
            Met("A-M-2", "4.1-I", "SZ-AUD-88", topLevel: true),
            Met("A-M-2", "4.1-I-3", "SZ-AUD-88"),
            new RequirementResultRecord { ApplicationId = "A-M-2", Requirement = "4.1-I-2", Result = "NotMet", Evidence = "P-1", Note = "" },
            Met("A-M-2", "4.1-II", "DECL-2025-17", topLevel: true),
            Met("A-T-1", "4.4-1", "P-11; P-12; P-13; P-14; P-15"),
        ]);

        await cycle.IssueAsync(run);

        var certificates = (await cycle.CertificatesAsync()).ToDictionary(c => c.ApplicationId);
        var m = certificates["A-M-2"];
        Assert.Equal(("港粤制衣有限公司", "HK Garments Ltd", "91440300MA5X", "东莞港粤制衣厂", "12345678"), (m.HolderName, m.HolderNameEn, m.FactoryId, m.FactoryName, m.HolderRegistrationNo));
        Assert.Equal((AwardedOn, new DateOnly(2027, 12, 15)), (m.AwardedOn, m.ExpiresOn));
        Assert.Equal(("Audit", "[\"SZ-AUD-88\",\"DECL-2025-17\"]"), (m.Route, m.EvidenceJson));
        Assert.Equal(("陈小姐 Ms Chan", "chan@example.com", run.RunId, false), (m.ContactName, m.ContactEmail, m.RunId, m.Revoked));
        var t = certificates["A-T-1"];
        Assert.Equal(("ETS-007", null, "Projects", new DateOnly(2026, 12, 15)), (t.ProviderId, t.FactoryId, t.Route, t.ExpiresOn));
        var s = certificates["A-S-1"];
        Assert.Equal(("87654321", null, null, "[]"), (s.HolderRegistrationNo, s.FactoryName, s.Route, s.EvidenceJson));
        Assert.Equal(4, certificates.Values.Select(c => c.VerificationCode).Distinct().Count());
    }

    [Fact]
    public async Task Without_an_award_day_in_the_settings_the_runs_as_of_date_is_the_award_day()
    {
        using var cycle = new CertificateCycle();
        cycle.Settings.Cycles["2025"].AwardedOn = null;
        var run = await cycle.NewRunAsync(ThreeDecisions(), asOf: new DateOnly(2025, 12, 2));

        await cycle.IssueAsync(run);

        var t = (await cycle.CertificatesAsync()).Single(c => c.LabelType == "T");
        Assert.Equal((new DateOnly(2025, 12, 2), new DateOnly(2026, 12, 1)), (t.AwardedOn, t.ExpiresOn));
    }

    [Fact]
    public async Task Running_again_issues_nothing_new_and_keeps_every_serial_and_code()
    {
        using var cycle = new CertificateCycle();
        var first = await cycle.NewRunAsync(ThreeDecisions());
        await cycle.IssueAsync(first);
        var before = await cycle.CertificatesAsync();
        var list = await File.ReadAllTextAsync(cycle.Combine("out", "certificates", "certificates.csv"));

        var again = await cycle.IssueAsync(first);
        var laterRun = await cycle.NewRunAsync(ThreeDecisions(), outFolder: "out-2");
        var later = await cycle.IssueAsync(laterRun);

        Assert.Equal((0, 0), (again.Counts["issued"], later.Counts["issued"]));
        var after = await cycle.CertificatesAsync();
        Assert.Equal(
            before.Select(c => (c.Serial, c.ApplicationId, c.VerificationCode, c.RunId)),
            after.Select(c => (c.Serial, c.ApplicationId, c.VerificationCode, c.RunId)));
        Assert.Equal(list, await File.ReadAllTextAsync(cycle.Combine("out", "certificates", "certificates.csv")));
        Assert.Equal(list, await File.ReadAllTextAsync(cycle.Combine("out-2", "certificates", "certificates.csv")));
    }

    [Fact]
    public async Task A_later_approval_continues_the_sequence_and_earlier_holders_keep_theirs()
    {
        using var cycle = new CertificateCycle();
        await cycle.IssueAsync(await cycle.NewRunAsync(ThreeDecisions()));
        var data = ThreeDecisions();
        data = data with
        {
            Applications = [.. data.Applications, Application("A-M-0", LabelType.M, "新申请有限公司", factoryId: "F-0", factoryName: "新厂")],
            PanelDecisions = [.. data.PanelDecisions, Decision("A-M-0", PanelDecisionValue.Approve), Decision("A-M-1", PanelDecisionValue.Reject, row: 20)],
        };

        var outcome = await cycle.IssueAsync(await cycle.NewRunAsync(data, outFolder: "out-2"));

        var serials = (await cycle.CertificatesAsync()).ToDictionary(c => c.ApplicationId, c => c.Serial);
        Assert.Equal(("2025-M-0001", "2025-M-0002", "2025-M-0003"), (serials["A-M-1"], serials["A-M-2"], serials["A-M-0"]));
        Assert.Equal(1, outcome.Counts["issued"]);
        Assert.Contains(outcome.Warnings, w => w.Contains("2025-M-0001", StringComparison.Ordinal) && w.Contains("Reject", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_certificate_list_holds_every_certificate_of_the_year_ordered_by_serial()
    {
        using var cycle = new CertificateCycle();
        await CertificateIssuer.IssueAsync(BatchCycleDatabase.Sqlite(cycle.DatabasePath), 0, 2024, SerialFormat.Parse("{Year}-{Code}-{Seq:0000}"), new(2024, 12, 17),
            [new CertificateRequest(Application("OLD-1", LabelType.M, "旧年度有限公司"), null, [])], CancellationToken.None);
        var run = await cycle.NewRunAsync(ThreeDecisions());

        await cycle.IssueAsync(run);

        var lines = await File.ReadAllLinesAsync(cycle.Combine("out", "certificates", "certificates.csv"));
        Assert.Equal("Serial,ApplicationId,LabelType,HolderName,FactoryName,AwardedOn,ExpiresOn,VerificationCode,State,RevokedOn", lines[0]);
        var codes = (await cycle.CertificatesAsync()).ToDictionary(c => c.Serial, c => c.VerificationCode);
        Assert.Equal(
            [
                $"2025-M-0001,A-M-1,M,华南电子有限公司,华南电子香港厂,2025-12-16,2027-12-15,{codes["2025-M-0001"]},Issued,",
                $"2025-M-0002,A-M-2,M,港粤制衣有限公司,东莞港粤制衣厂,2025-12-16,2027-12-15,{codes["2025-M-0002"]},Issued,",
                $"2025-S-0001,A-S-1,S,绿链贸易有限公司,,2025-12-16,2027-12-15,{codes["2025-S-0001"]},Issued,",
                $"2025-T-0001,A-T-1,T,清源环保技术有限公司,,2025-12-16,2026-12-15,{codes["2025-T-0001"]},Issued,",
            ],
            lines[1..]);
    }

    [Fact]
    public async Task Issued_certificates_are_labels_of_the_register_for_later_cycles()
    {
        using var cycle = new CertificateCycle();
        var run = await cycle.NewRunAsync(ThreeDecisions(), screening: [Met("A-M-1", "4.1-I-2", "P-1; P-2")]);
        await cycle.IssueAsync(run);

        await using var db = BatchCycleDatabase.Sqlite(cycle.DatabasePath).Open();
        var labels = await IssuedLabels.LoadAsync(db, CancellationToken.None);

        var label = labels.Single(l => l.Serial == "2025-M-0001");
        Assert.Equal(
            (LabelType.M, "华南电子有限公司", "12345678", "H12345678", (string?)null, AwardedOn, new DateOnly(2027, 12, 15), (LabelRoute?)LabelRoute.DemonstrationProjects, false),
            (label.LabelType, label.HolderName, label.HolderRegistrationNo, label.FactoryId, label.ProviderId, label.AwardedOn, label.ExpiresOn, label.Route, label.Revoked));
        Assert.Equal(("chan@example.com", "陈小姐 Ms Chan", (SourceRow?)null), (label.ContactEmail, label.ContactName, label.Source));
        Assert.Equal(["P-1", "P-2"], label.EvidenceRefs);
        Assert.Equal(["2025-M-0001", "2025-M-0002", "2025-S-0001", "2025-T-0001"], labels.Select(l => l.Serial));
        Assert.Equal("ETS-007", labels.Single(l => l.LabelType == LabelType.T).ProviderId);
    }
}
