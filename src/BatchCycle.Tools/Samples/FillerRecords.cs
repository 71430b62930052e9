using System.Globalization;
using BatchCycle.Cycle;
using static BatchCycle.Samples.SampleChoices;

namespace BatchCycle.Samples;

/// <summary>What the filler of a generation depends on.</summary>
public sealed record FillerContext(CycleCalendar Calendar, int Seed, int Applications);

/// <summary>A filler row, or a deliberately unreadable one slipped in at a low rate.</summary>
public readonly record struct FillerRow(object?[] Cells, bool Bad);

/// <summary>
/// The bulk of a realistic cycle: funded projects, options, violations, labels and titles of factories and
/// companies that never apply. Their identities come from <see cref="SampleIdentities.FillerCounterStart"/>
/// onward, so no filler record can touch a scenario's outcome. Volumes per 1,000 applications are fixed
/// (<see cref="PerThousand"/>) and every stream is written row by row from its own seeded random source.
/// </summary>
public static class FillerRecords
{
    /// <summary>One unreadable row after every this many filler rows of the large kinds.</summary>
    public const int BadRowEvery = 100_000;

    private const int RecommenderCounterStart = SampleIdentities.FillerCounterStart + 30_000_000;
    private const int HolderCounterStart = SampleIdentities.FillerCounterStart + 10_000_000;
    private const int CaseNumberStart = 5_000_000;
    private const int OptionsPerAssessment = 6;

    /// <summary>Filler rows per 1,000 applications (kinds not listed get none, or a pool sized by <see cref="ProviderCount"/>).</summary>
    public static long PerThousand(SampleKind kind) => kind switch
    {
        SampleKind.FundedProjects => 10_000,
        SampleKind.ImprovementOptions => 30_000,
        SampleKind.Violations => 2_000,
        SampleKind.RegisterLabels => 500,
        SampleKind.Titles => 200,
        _ => 0,
    };

    public static long Count(SampleKind kind, int applications) => kind switch
    {
        SampleKind.ServiceProviders => ProviderCount(applications),
        SampleKind.Complaints => Math.Max(1, applications / 200),
        _ => PerThousand(kind) * applications / 1000,
    };

    /// <summary>The background providers who carry out every project that is not a technical-service story.</summary>
    public static int ProviderCount(int applications) => Math.Max(5, applications / 100);

    public static string ProviderId(int index) => string.Create(CultureInfo.InvariantCulture, $"ETP-{index + 1:0000}");

    public static IEnumerable<FillerRow> Rows(SampleKind kind, FillerContext context) => kind switch
    {
        SampleKind.FundedProjects => Projects(context).SelectMany(p => WithBadRows(p.Index, p.Cells, () => BadProject(p))),
        SampleKind.ImprovementOptions => Options(context),
        SampleKind.Violations => Violations(context),
        SampleKind.RegisterLabels => Labels(context),
        SampleKind.Titles => Titles(context),
        SampleKind.ServiceProviders => Providers(context),
        SampleKind.Complaints => Complaints(context),
        _ => [],
    };

    private sealed record Project(long Index, object?[] Cells, string Ref, bool IsAssessment, string Status, DateOnly? CompletedOn);

    private static IEnumerable<FillerRow> WithBadRows(long index, object?[] cells, Func<object?[]> bad)
    {
        yield return new FillerRow(cells, false);
        if ((index + 1) % BadRowEvery == 0)
        {
            yield return new FillerRow(bad(), true);
        }
    }

    /// <summary>
    /// Project k is for filler factory k/2: an on-site assessment when k is even (its options follow in the option
    /// stream), a demonstration, verification or other project when odd. The option stream replays this stream, so
    /// neither holds the projects in memory.
    /// </summary>
    private static IEnumerable<Project> Projects(FillerContext context)
    {
        var c = context.Calendar;
        var random = new Random(Streams.Mix(context.Seed, 101));
        var count = Count(SampleKind.FundedProjects, context.Applications);
        var providers = ProviderCount(context.Applications);
        var recommenders = Math.Max(10, context.Applications / 20);
        for (long k = 0; k < count; k++)
        {
            var factoryCounter = SampleIdentities.FillerCounterStart + (int)(k / 2);
            var factory = (k / 2) % 20 == 7
                ? SampleIdentities.HongKongFactory(SampleIdentities.HongKongCompany(factoryCounter), factoryCounter)
                : SampleIdentities.GuangdongFactory(factoryCounter);
            var assessment = k % 2 == 0;
            var kindRoll = random.Next(10);
            // Another project type than the three of docs/inputs.md is kept by the importer but never counted.
            var (type, abbreviation) = assessment ? ((object)OnSiteAssessment, "OA")
                : kindRoll < 5 ? (DemonstrationProject, "DP")
                : kindRoll < 8 ? (Verification, "VF")
                : ("EnergyAudit", "EA");
            var statusRoll = random.Next(100);
            var status = statusRoll < 62 ? "Completed" : statusRoll < 77 ? "InProgress" : statusRoll < 87 ? "Approved" : statusRoll < 94 ? "Withdrawn" : "Rejected";
            var approved = Between(random, c.LookbackStart.AddYears(-2), c.Opens.AddDays(-120));
            DateOnly? completed = status == "Completed" ? Min(approved.AddDays(random.Next(120, 420)), c.Opens.AddDays(-7)) : null;
            var reference = string.Create(CultureInfo.InvariantCulture, $"{abbreviation}{approved.Year % 100:00}-{50_000_000 + k}");
            var recommendedBy = random.Next(5) == 0 ? SampleIdentities.BrNumber(RecommenderCounterStart + random.Next(recommenders)) : null;
            decimal grant = assessment ? random.Next(20, 61) * 1000m : random.Next(100, 1001) * 1000m;
            int? declared = random.Next(100) < 3 ? c.Year - random.Next(1, 4) : null;
            object?[] cells =
            [
                reference, type, factory.Id, factory.Name, ProviderId(random.Next(providers)), recommendedBy, status,
                approved, completed, grant, declared,
            ];
            yield return new Project(k, cells, reference, assessment, status, completed);
        }
    }

    private static object?[] BadProject(Project project)
    {
        var bad = (object?[])project.Cells.Clone();
        bad[0] = project.Ref + "-X";
        if (project.Index / BadRowEvery % 2 == 0)
        {
            bad[6] = "Cancelled";
        }
        else
        {
            bad[6] = "Completed";
            bad[8] = "2024-02-30";
        }

        return bad;
    }

    private static IEnumerable<FillerRow> Options(FillerContext context)
    {
        var c = context.Calendar;
        var random = new Random(Streams.Mix(context.Seed, 102));
        long written = 0;
        foreach (var project in Projects(context).Where(p => p.IsAssessment))
        {
            for (var n = 1; n <= OptionsPerAssessment; n++)
            {
                var cost = n > 2;
                var voc = cost && random.Next(4) == 0;
                var roll = random.Next(10);
                var (status, completedOn) = project.CompletedOn is { } done && roll < 7
                    ? (Completed, (DateOnly?)Min(done.AddDays(random.Next(0, 300)), c.Opens.AddDays(-1)))
                    : (roll < 9 ? Planned : NotPlanned, null);
                object?[] cells =
                [
                    project.Ref, n.ToString(CultureInfo.InvariantCulture), cost ? Cost : NoCost,
                    voc ? "VOC废气治理" : cost ? "节能设备改造" : "内部管理改善", voc, status, completedOn, null,
                ];
                foreach (var row in WithBadRows(written++, cells, () => [project.Ref, "99", null, "方案类别漏填", false, Planned, null, null]))
                {
                    yield return row;
                }
            }
        }
    }

    private static IEnumerable<FillerRow> Violations(FillerContext context)
    {
        var c = context.Calendar;
        var random = new Random(Streams.Mix(context.Seed, 103));
        var count = Count(SampleKind.Violations, context.Applications);
        var factories = Math.Max(1, (int)(Count(SampleKind.FundedProjects, context.Applications) / 2));
        for (long i = 0; i < count; i++)
        {
            var counter = SampleIdentities.FillerCounterStart + random.Next(factories);
            var roll = random.Next(100);
            var factory = SampleIdentities.GuangdongFactory(counter);
            var (entityId, name, city) = roll switch
            {
                < 82 => (factory.Id, factory.Name, factory.City),
                < 90 => ("H" + SampleIdentities.BrNumber(counter), SampleIdentities.HongKongCompany(counter).Name, "Hong Kong"),
                _ => ((string?)null, SampleIdentities.UnregisteredBusinessName(counter), factory.City),
            };
            var violated = Between(random, c.LookbackStart.AddYears(-1), c.Closes.AddDays(-1));
            DateOnly? penalised = random.Next(10) < 7 ? violated.AddDays(random.Next(20, 120)) : null;
            var number = CaseNumberStart + (int)i;
            var (authority, caseRef, law, penalty) = SampleViolations.Describe(city, violated.Year, number);
            object?[] cells = [caseRef, authority, entityId, name, violated, penalised, law, penalty];
            foreach (var row in WithBadRows(i, cells, () => [caseRef + "-X", authority, entityId, name, null, null, law, penalty]))
            {
                yield return row;
            }
        }
    }

    private static IEnumerable<FillerRow> Labels(FillerContext context)
    {
        var c = context.Calendar;
        var random = new Random(Streams.Mix(context.Seed, 104));
        var count = Count(SampleKind.RegisterLabels, context.Applications);
        var factories = Math.Max(1, (int)(Count(SampleKind.FundedProjects, context.Applications) / 2));
        var providers = ProviderCount(context.Applications);
        var serials = new Dictionary<int, int>();
        for (long i = 0; i < count; i++)
        {
            var roll = random.Next(20);
            var type = roll < 10 ? LabelType.M : roll < 13 ? LabelType.E : roll < 16 ? LabelType.S : LabelType.T;
            var holder = SampleIdentities.HongKongCompany(HolderCounterStart + (int)i);
            var factory = LabelTypes.IsFactoryLabel(type) ? SampleIdentities.GuangdongFactory(SampleIdentities.FillerCounterStart + random.Next(factories)) : null;
            var awarded = type == LabelType.T ? SampleDays.TechnicalAwardDay(c, random.Next(1, 3)) : SampleDays.AwardDay(c, random.Next(1, 5));
            var route = type switch
            {
                LabelType.M => new[] { "OnSiteAssessment", "DemonstrationProjects", "Audit" }[random.Next(3)],
                LabelType.E => new[] { "PriorLabels", "DemonstrationProjects", "Title" }[random.Next(3)],
                LabelType.S => random.Next(2) == 0 ? "Recommendation" : "Procurement",
                _ => "Projects",
            };
            var key = awarded.Year * 4 + (int)type;
            serials.TryGetValue(key, out var n);
            serials[key] = n + 1;
            var revokedRoll = random.Next(100);
            bool? revoked = revokedRoll == 0 ? true : revokedRoll < 30 ? false : null;
            object?[] cells =
            [
                string.Create(CultureInfo.InvariantCulture, $"{awarded.Year}-{type}-{2 * n + 2:0000}"), type.ToString(), holder.Name, holder.BrNo,
                factory?.Id, type == LabelType.T ? ProviderId(random.Next(providers)) : null, awarded, LabelTypes.ExpiresOn(type, awarded),
                route, revoked, random.Next(20) == 0 ? null : holder.ContactEmail, holder.ContactName,
            ];
            yield return new FillerRow(cells, false);
        }
    }

    private static IEnumerable<FillerRow> Titles(FillerContext context)
    {
        var c = context.Calendar;
        var random = new Random(Streams.Mix(context.Seed, 105));
        var count = Count(SampleKind.Titles, context.Applications);
        var factories = Math.Max(1, (int)(Count(SampleKind.FundedProjects, context.Applications) / 2));
        Choice[] types = [MunicipalCpAudit, MunicipalCpEnterprise, ProvincialCpEnterprise, GreenFactoryMiit, GreenFactoryProvincial];
        for (long i = 0; i < count; i++)
        {
            var factory = SampleIdentities.GuangdongFactory(SampleIdentities.FillerCounterStart + random.Next(factories));
            var type = types[random.Next(types.Length)];
            var issued = Between(random, c.LookbackStart.AddYears(-3), c.Opens.AddDays(-30));
            DateOnly? validUntil = random.Next(10) < 6 ? issued.AddYears(3) : null;
            var certificate = string.Create(CultureInfo.InvariantCulture, $"GDCP{issued.Year}-{700_000 + i}");
            yield return new FillerRow([factory.Id, factory.Name, type, certificate, issued, validUntil], false);
        }
    }

    private static IEnumerable<FillerRow> Providers(FillerContext context)
    {
        var c = context.Calendar;
        var random = new Random(Streams.Mix(context.Seed, 106));
        for (var i = 0; i < ProviderCount(context.Applications); i++)
        {
            var registered = Between(random, c.LookbackStart.AddYears(-4), c.Opens.AddYears(-1));
            var delisted = i % 10 == 9;
            yield return new FillerRow(
            [
                ProviderId(i), SampleIdentities.ProviderName(1000 + i), delisted ? "Delisted" : "Registered", registered,
                delisted ? Between(random, registered.AddYears(1), c.Opens.AddDays(-1)) : null,
            ], false);
        }
    }

    private static IEnumerable<FillerRow> Complaints(FillerContext context)
    {
        var c = context.Calendar;
        var random = new Random(Streams.Mix(context.Seed, 107));
        var count = Count(SampleKind.Complaints, context.Applications);
        for (long i = 0; i < count; i++)
        {
            var received = Between(random, c.LookbackStart, c.Closes);
            var roll = random.Next(3);
            bool? substantiated = roll == 0 ? true : roll == 1 ? false : null;
            yield return new FillerRow(
            [
                ProviderId(random.Next(ProviderCount(context.Applications))), received,
                random.Next(2) == 0 ? "ClientComplaint" : "PoorServiceReport", substantiated,
                string.Create(CultureInfo.InvariantCulture, $"CMP-{received.Year}-{900_000 + i}"),
            ], false);
        }
    }

    private static DateOnly Between(Random random, DateOnly from, DateOnly to) => from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

/// <summary>Seeds of the independent random streams of one generation, all derived from the one seed given.</summary>
public static class Streams
{
    public static int Mix(int seed, int stream) => unchecked((seed * -1_640_531_535) + (stream * 97_531) + 12_345);
}
