using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Panel;
using BatchCycle.Pipeline;
using BatchCycle.Screening;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchCycle.Tests.Certificates;

/// <summary>
/// A temporary database and output folder for certificate tests: each run is a Runs row with its imported
/// records and stored screening lines, from which the certificates stage's input is read back as a resumed run
/// reads it.
/// </summary>
internal sealed class CertificateCycle : IDisposable
{
    public const int Year = 2025;

    public static readonly DateOnly AwardedOn = new(2025, 12, 16);

    private readonly TempFolder temp = new();

    private readonly Dictionary<long, CertificatesInput> inputs = [];

    public CertificateCycle()
    {
        DatabasePath = temp.Combine("cycle.db");
        BatchCycleDatabase.Sqlite(DatabasePath).Migrate();
        Settings = new BatchCycleSettings
        {
            Year = Year,
            Cycles = { ["2025"] = new CycleDates { Opens = new(2025, 5, 14), Closes = new(2025, 7, 21), AwardedOn = AwardedOn } },
            Templates = Path.Combine(Repo.Root, "templates"),
            VerifyBaseUrl = "https://cpp.example.org.hk/",
            // Most tests are about issuing, not printing: without a browser they stay fast and write HTML.
            Chromium = temp.Combine("no-chromium-here"),
        };
    }

    public string DatabasePath { get; }

    public BatchCycleSettings Settings { get; }

    public string Combine(params string[] parts) => temp.Combine(parts);

    public void UseChromium() => Settings.Chromium = "/usr/bin/chromium";

    public async Task<RunContext> NewRunAsync(CycleData data, string outFolder = "out", IEnumerable<RequirementResultRecord>? screening = null, DateOnly? asOf = null)
    {
        var request = new RunRequest(temp.Combine("in"), temp.Combine(outFolder), Year, asOf ?? new DateOnly(2025, 11, 30), "test");
        long runId;
        await using (var db = BatchCycleDatabase.Sqlite(DatabasePath).Open())
        {
            var run = new RunRecord
            {
                Year = Year,
                State = RunState.Running,
                StartedAt = DateTime.UtcNow,
                StartedBy = request.StartedBy,
                InputFolder = request.InputFolder,
                OutFolder = request.OutFolder,
                AsOf = request.AsOf,
            };
            db.Runs.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
            foreach (var line in screening ?? [])
            {
                line.RunId = runId;
                db.RequirementResults.Add(line);
            }

            await db.SaveChangesAsync();
        }

        var context = new RunContext(runId, request, Settings.CalendarFor(Year), Settings, BatchCycleDatabase.Sqlite(DatabasePath), NullLoggerFactory.Instance);
        var lines = (screening ?? []).ToLookup(l => l.ApplicationId, StringComparer.Ordinal);
        IReadOnlyList<ApplicationScreening> screenings =
        [
            .. data.Applications.Where(a => lines.Contains(a.ApplicationId))
                .Select(a => new ApplicationScreening(a, [.. lines[a.ApplicationId].Select(StoredScreenings.ToResult)])),
        ];
        inputs[runId] = new CertificatesInput(data, screenings, PanelDecisionBook.Effective(data.PanelDecisions));
        return context;
    }

    /// <summary>Runs the certificates stage of <paramref name="run"/> on what the run imported and screened.</summary>
    public async Task<StageOutcome> IssueAsync(RunContext run) =>
        (await new CertificatesStage().RunAsync(run, inputs[run.RunId], CancellationToken.None)).Outcome;

    public async Task<List<CertificateRecord>> CertificatesAsync()
    {
        await using var db = BatchCycleDatabase.Sqlite(DatabasePath).Open();
        return [.. db.Certificates.OrderBy(c => c.Id)];
    }

    public void Dispose() => temp.Dispose();

    public static Application Application(
        string id,
        LabelType type,
        string name,
        string? nameEn = null,
        string? factoryId = null,
        string? factoryName = null,
        string? providerId = null,
        string? registrationNo = "12345678") =>
        new(id, type, ApplicationKind.New, name, nameEn, RegistrationPlace.HK, registrationNo, providerId, factoryId, factoryName,
            null, null, null, null, null, null, null, true, "陈小姐 Ms Chan", "chan@example.com", new DateOnly(2025, 6, 1),
            new SourceRow("applications.xlsx", "Applications", 2));

    public static PanelDecision Decision(string applicationId, PanelDecisionValue decision, int row = 2) =>
        new(applicationId, decision, null, new SourceRow("panel.xlsx", "M", row));

    public static CycleData Data(IEnumerable<Application> applications, IEnumerable<PanelDecision> decisions, IEnumerable<Title>? titles = null) =>
        CycleData.Empty with { Applications = [.. applications], PanelDecisions = [.. decisions], Titles = [.. titles ?? []] };

    public static RequirementResultRecord Met(string applicationId, string requirement, string evidence, bool topLevel = false) =>
        new() { ApplicationId = applicationId, Requirement = requirement, Result = "Met", Evidence = evidence, IsTopLevel = topLevel };
}
