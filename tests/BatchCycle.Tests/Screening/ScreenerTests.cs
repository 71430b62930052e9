using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Screening;

namespace BatchCycle.Tests.Screening;

public sealed class ScreenerTests
{
    [Fact]
    public void An_application_meeting_every_requirement_is_eligible_and_names_its_evidence()
    {
        var screening = ScreeningScenario.For(LabelType.M)
            .Demo("DP-1001", new DateOnly(2021, 3, 2))
            .Demo("DP-1002", new DateOnly(2023, 11, 20))
            .Screen();

        Assert.Equal(Outcome.Eligible, screening.Outcome);
        Assert.Empty(screening.NotMet);
        Assert.Empty(screening.Unknown);
        var route = screening.Line("4.1-I-2");
        Assert.Equal("2 demonstration projects completed 2021-03-02 and 2023-11-20 (DP-1001, DP-1002)", route.Note);
        Assert.Equal(["DP-1001", "DP-1002"], route.Evidence);
        Assert.StartsWith("met by 4.1-I-2: ", screening.Line("4.1-I").Note, StringComparison.Ordinal);
        Assert.Equal(["DP-1001", "DP-1002"], screening.Line("4.1-I").Evidence);
    }

    [Theory]
    [InlineData(LabelType.M, ApplicationKind.New, "1.4 DUP 2.1 4.1-I 4.1-II", "4.1-I-1 4.1-I-2 4.1-I-3")]
    [InlineData(LabelType.M, ApplicationKind.Renewal, "1.4 DUP REN 2.1 5.2-I 5.2-II", "5.2-I-1 5.2-I-2")]
    [InlineData(LabelType.E, ApplicationKind.New, "1.4 DUP 2.2 4.2-I 4.2-II", "4.2-I-1 4.2-I-2 4.2-I-3")]
    [InlineData(LabelType.E, ApplicationKind.Renewal, "1.4 DUP REN 2.2 5.3-I 5.3-II", "5.3-I-1 5.3-I-2")]
    [InlineData(LabelType.S, ApplicationKind.New, "1.4 DUP 2.3 4.3", "4.3-1 4.3-2")]
    [InlineData(LabelType.S, ApplicationKind.Renewal, "1.4 DUP REN 2.3 5.4", "5.4-1 5.4-2")]
    [InlineData(LabelType.T, ApplicationKind.New, "1.4 DUP 2.4 4.4-1 4.4-2", "")]
    [InlineData(LabelType.T, ApplicationKind.Renewal, "1.4 DUP REN 2.4 5.5-1 5.5-2", "")]
    public void Each_label_type_is_checked_against_its_own_requirements(LabelType type, ApplicationKind kind, string topLevel, string routes)
    {
        var screening = ScreeningScenario.For(type, kind).Screen();

        Assert.Equal(topLevel.Split(' '), screening.Requirements.Where(r => r.IsTopLevel).Select(r => r.Requirement));
        Assert.Equal(routes.Split(' ', StringSplitOptions.RemoveEmptyEntries), screening.Requirements.Where(r => !r.IsTopLevel).Select(r => r.Requirement));
    }

    [Fact]
    public void Two_applications_for_the_same_factory_both_go_to_review()
    {
        var screenings = ScreeningScenario.For(LabelType.M)
            .Demo("DP-1", new DateOnly(2021, 3, 2)).Demo("DP-2", new DateOnly(2022, 3, 2))
            .Another("A-002", a => a with { FactoryId = " " + ScreeningScenario.Factory.ToLowerInvariant() })
            .ScreenAll();

        Assert.All(screenings, s =>
        {
            Assert.Equal(RequirementStatus.Unknown, s.Line("DUP").Result);
            Assert.Equal(Outcome.NeedsReview, s.Outcome);
            Assert.Equal(["DUP"], s.Unknown);
        });
        Assert.Equal(["A-002"], screenings[0].Line("DUP").Evidence);
        Assert.Equal(["A-001"], screenings[1].Line("DUP").Evidence);
    }

    [Fact]
    public void A_Hong_Kong_factory_written_with_and_without_H_is_one_factory_for_duplicates()
    {
        var screenings = ScreeningScenario.For(LabelType.M)
            .With(a => a with { FactoryId = "H" + ScreeningScenario.Br, Relationship = FactoryRelationship.HongKongOwned })
            .Another("A-002", a => a with { FactoryId = ScreeningScenario.Br })
            .ScreenAll();

        Assert.All(screenings, s => Assert.Equal(RequirementStatus.Unknown, s.Line("DUP").Result));
    }

    [Fact]
    public void Applications_for_different_labels_of_one_factory_are_not_duplicates()
    {
        var screenings = ScreeningScenario.For(LabelType.M).Another("A-002", a => a with { LabelType = LabelType.E }).ScreenAll();

        Assert.All(screenings, s => Assert.Equal(RequirementStatus.Met, s.Line("DUP").Result));
    }

    [Fact]
    public void A_late_submission_is_ineligible_and_says_why()
    {
        var scenario = ScreeningScenario.For(LabelType.T).ProviderRecord(ProviderStatus.Registered);
        var screening = scenario.With(a => a with { SubmittedOn = scenario.Cal.Closes.AddDays(1) }).Screen();

        Assert.Equal(Outcome.Ineligible, screening.Outcome);
        Assert.Contains("1.4", screening.NotMet);
        Assert.Contains("1.4: submitted 2025-07-22, after the closing date (2025-05-14..2025-07-21)", screening.Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Renewing_a_label_that_does_not_expire_this_year_fails_REN_and_the_requirements_that_need_ValidityStart()
    {
        var scenario = ScreeningScenario.For(LabelType.M, ApplicationKind.Renewal);
        var screening = scenario.Label("2024-M-0003", LabelType.M, new DateOnly(2024, 12, 17)).Screen();

        Assert.Equal(Outcome.Ineligible, screening.Outcome);
        Assert.Equal(["REN"], screening.NotMet);
        Assert.Empty(screening.Unknown);
        Assert.Equal("no label expiring this year to renew: 2024-M-0003 expires 2026-12-16, not in 2025", screening.Line("REN").Note);
        Assert.All(["5.2-I", "5.2-I-1", "5.2-I-2", "5.2-II"], id => Assert.Equal(RequirementStatus.NotEvaluated, screening.Line(id).Result));
        Assert.Contains("not evaluated: there is no label being renewed", screening.Line("5.2-II").Note, StringComparison.Ordinal);
        Assert.DoesNotContain("5.2-II", screening.Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void A_renewal_counts_evidence_from_the_award_of_the_label_being_renewed()
    {
        var scenario = ScreeningScenario.For(LabelType.M, ApplicationKind.Renewal);
        var screening = scenario.Label("2023-M-0012", LabelType.M, new DateOnly(2023, 12, 19))
            .CostOptionsSince(new DateOnly(2023, 12, 19), new DateOnly(2025, 7, 21))
            .Screen();

        Assert.Equal(Outcome.Eligible, screening.Outcome);
        Assert.Equal("renews 2023-M-0012 awarded 2023-12-19, expiring 2025-12-18; ValidityStart 2023-12-19", screening.Line("REN").Note);
        Assert.Equal(["2023-M-0012", "OSA-OLD/5", "OSA-OLD/6"], screening.Line("5.2-I-1").Evidence);
    }

    [Fact]
    public void Options_used_for_a_label_the_system_issued_are_not_counted_again()
    {
        var scenario = ScreeningScenario.For(LabelType.M).GoodAssessment();
        var screening = scenario.SystemLabel("2023-M-0001", LabelType.M, new DateOnly(2023, 12, 19), LabelRoute.OnSiteAssessment, "OSA-X", "OSA-1/4").Screen();

        var line = screening.Line("4.1-I-1");
        Assert.Equal(RequirementStatus.NotMet, line.Result);
        Assert.Contains("OSA-1/4 not counted: already evidence of label 2023-M-0001 (footnote 6)", line.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("OSA-1/4", line.Evidence);
    }

    [Fact]
    public void The_same_rules_screen_a_2027_cycle_from_its_settings()
    {
        var calendar = ScreeningScenario.CalendarFor(2027);
        Assert.Equal((new DateOnly(2027, 5, 12), new DateOnly(2027, 7, 19)), (calendar.Opens, calendar.Closes));

        // Completed 2022-05-11: inside the 2025 look-back window, one day before the 2027 one.
        ScreeningScenario Build(int year) => ScreeningScenario.For(LabelType.M, year: year)
            .With(a => a with { SubmittedOn = new DateOnly(year, 6, 1) })
            .Demo("DP-1", new DateOnly(2022, 5, 11))
            .Demo("DP-2", new DateOnly(2024, 1, 5));

        Assert.Equal(Outcome.Eligible, Build(2025).Screen().Outcome);
        var in2027 = Build(2027).Screen();
        Assert.Equal(Outcome.Ineligible, in2027.Outcome);
        Assert.Contains("DP-1 completed 2022-05-11, outside 2022-05-12..2027-07-19", in2027.Line("4.1-I-2").Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_without_a_certificate_number_is_cited_by_type_and_factory()
    {
        var scenario = ScreeningScenario.For(LabelType.E);
        var screening = scenario.Title(TitleType.GreenFactoryMiit, new DateOnly(2022, 1, 1), null, certificateNo: null).Screen();

        Assert.Equal([$"GreenFactoryMiit@{ScreeningScenario.Factory}"], screening.Line("4.2-I-3").Evidence);
        Assert.Equal(Outcome.Eligible, screening.Outcome);
    }

    [Fact]
    public void Results_come_in_application_id_order()
    {
        var screenings = ScreeningScenario.For(LabelType.T)
            .With(a => a with { ApplicationId = "T-10" })
            .Another("T-2", a => a with { ProviderId = "ETS-002" })
            .Another("T-1", a => a with { ProviderId = "ETS-003" })
            .ScreenAll();

        Assert.Equal(["T-1", "T-10", "T-2"], screenings.Select(s => s.ApplicationId));
    }
}
