using System.Text.Json;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Pipeline;
using BatchCycle.Reminders;
using BatchCycle.Runs;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchCycle.Tests.Reminders;

/// <summary>
/// A temp database and output folder, and cycle runs through the real pipeline: a stand-in import stage stores the
/// given records on to the reminders stage as the import does, then the real reminders stage drafts.
/// </summary>
public sealed class ReminderScenario : IDisposable
{
    private readonly TempFolder temp = new();

    /// <summary>On a SQLite file of its own, or on <paramref name="database"/> (a PostgreSQL test database).</summary>
    public ReminderScenario(BatchCycleDatabase? database = null) =>
        Db = database ?? BatchCycleDatabase.Sqlite(temp.Combine("cycle.db"));

    public BatchCycleDatabase Db { get; }

    /// <summary>As <c>--db</c> takes it: the file path or the connection string.</summary>
    public string Database => Db.Location;

    public string Out => temp.Combine("out");

    public string Root => temp.Path;

    public BatchCycleSettings Settings { get; } = new()
    {
        Year = 2025,
        Cycles = { ["2025"] = new CycleDates { Opens = new(2025, 5, 14), Closes = new(2025, 7, 21) } },
        Templates = Path.Combine(Repo.Root, "templates"),
        Secretariat = new SecretariatContact
        {
            NameZh = "「粤港清洁生产伙伴」标志计划秘书处",
            NameEn = "Secretariat, Hong Kong–Guangdong Cleaner Production Partners Recognition Scheme",
            Email = "cpp-label@example.org.hk",
            Phone = "+852 2788 5000",
            AddressZh = "香港九龙达之路78号生产力大楼",
            AddressEn = "HKPC Building, 78 Tat Chee Avenue, Kowloon, Hong Kong",
            NameZhHant = "「粵港清潔生產夥伴」標誌計劃秘書處",
            AddressZhHant = "香港九龍達之路78號生產力大樓",
        },
        Smtp = new SmtpSettings { From = "cpp-label@example.org.hk", FromName = "粤港清洁生产伙伴标志计划秘书处 CPP Label Secretariat" },
    };

    public static RegisterLabel Label(string serial, LabelType type, DateOnly awardedOn, string? email = "contact@holder.example.hk", bool revoked = false, string? id = null) => new(
        serial,
        type,
        "港粤精密制造有限公司 " + serial,
        type == LabelType.S ? id : null,
        LabelTypes.IsFactoryLabel(type) ? id : null,
        type == LabelType.T ? id : null,
        awardedOn,
        LabelTypes.ExpiresOn(type, awardedOn),
        LabelRoute.OnSiteAssessment,
        revoked,
        email,
        "陈大文",
        new SourceRow("register.xlsx", "Register", 2),
        []);

    public static Application Renewal(string applicationId, LabelType type, string id, ApplicationKind kind = ApplicationKind.Renewal) => new(
        applicationId, type, kind, "申请人", null, RegistrationPlace.HK,
        type == LabelType.S ? id : null,
        type == LabelType.T ? id : null,
        LabelTypes.IsFactoryLabel(type) ? id : null,
        null, null, null, null, null, null, null, null, null, null, null,
        new DateOnly(2025, 6, 1),
        new SourceRow("applications.xlsx", "Applications", 2));

    public static CycleData Data(IEnumerable<RegisterLabel> labels, IEnumerable<Application>? applications = null) =>
        CycleData.Empty with { RegisterLabels = [.. labels], Applications = [.. applications ?? []] };

    /// <summary>Runs import + reminders; returns the reminders stage's counts and warnings.</summary>
    public async Task<StageOutcome> DraftAsync(CycleData data, string? round = null)
    {
        var stages = new IPipelineStage[] { new StoreImported(data), PipelineStages.Reminder(round) };
        var pipeline = new CyclePipeline(Settings, Db, stages, NullLoggerFactory.Instance);
        var result = await pipeline.RunAsync(new RunRequest(temp.Path, Out, 2025, new DateOnly(2025, 5, 20), "test"), CancellationToken.None);
        await using var db = Db.Open();
        var stage = await db.RunStages.AsNoTracking().SingleAsync(s => s.RunId == result.RunId && s.Stage == ReminderDraftStage.StageName);
        Assert.True(result.Completed, $"The run did not complete: {result.Error} {stage.Error}");
        return new StageOutcome(
            JsonSerializer.Deserialize<Dictionary<string, long>>(stage.CountsJson)!,
            JsonSerializer.Deserialize<List<string>>(stage.WarningsJson)!);
    }

    /// <summary>A certificate this system issued in an earlier cycle (table Certificates).</summary>
    public async Task AddCertificateAsync(string serial, LabelType type, DateOnly awardedOn, string? email, bool revoked = false)
    {
        Db.Migrate();
        await using var db = Db.Open();
        var count = await db.Certificates.CountAsync();
        db.Certificates.Add(new CertificateRecord
        {
            Serial = serial,
            Year = awardedOn.Year,
            LabelType = type.ToString(),
            Sequence = count + 1,
            ApplicationId = "APP-" + serial,
            HolderName = "系统发出公司 " + serial,
            FactoryId = LabelTypes.IsFactoryLabel(type) ? "F-" + serial : null,
            AwardedOn = awardedOn,
            ExpiresOn = LabelTypes.ExpiresOn(type, awardedOn),
            VerificationCode = Guid.NewGuid().ToString("N"),
            ContactEmail = email,
            Revoked = revoked,
            IssuedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    public async Task<List<ReminderOutboxMessage>> OutboxAsync(string round = ReminderRound.First)
    {
        await using var db = Db.Open();
        return await db.Set<ReminderOutboxMessage>().AsNoTracking().Where(m => m.Round == round).OrderBy(m => m.LabelSerial).ToListAsync();
    }

    public string RemindersFolder(params string[] more) => Path.Combine([Out, "reminders", .. more]);

    public void Dispose() => temp.Dispose();

    private sealed class StoreImported(CycleData data) : IPipelineStage
    {
        public string Name => PipelineStages.Import;

        public Task<StageResult<PipelineState>> RunAsync(RunContext run, PipelineState state, CancellationToken cancellationToken) =>
            Task.FromResult(StageOutcome.Of(("labels", data.RegisterLabels.Count)).With(state with { Imported = data }));
    }
}
