using BatchCycle.Files;
using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Pipeline;
using BatchCycle.Screening;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Certificates;

/// <summary>What the certificates stage is given: the run's imported records, their screenings and the panel's decisions in force.</summary>
public sealed record CertificatesInput(
    CycleData Imported, IReadOnlyList<ApplicationScreening> Screenings, IReadOnlyDictionary<string, PanelDecision> DecisionsInForce);

/// <summary>
/// Issues a certificate for each application the panel approved (its decision in force is <c>Approve</c>),
/// renders every certificate of the cycle that has no file in this run's output yet, and lists them all in
/// <c>certificates/certificates.csv</c>. It gives the stages after it every certificate of the cycle year.
/// </summary>
public sealed class CertificatesStage : IRunStage<CertificatesInput, IReadOnlyList<CertificateRecord>>, ITemplatedStage
{
    public const string StageName = "certificates";

    public string Name => StageName;

    public void CheckTemplates(Cycle.BatchCycleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CertificateTemplates.Load(settings.TemplatesFolder());
    }

    public async Task<StageResult<IReadOnlyList<CertificateRecord>>> RunAsync(RunContext run, CertificatesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        // Settings and template first: a mistake in either stops the stage before anything is issued.
        var serialFormat = SerialFormat.Parse(run.Settings.SerialFormat);
        var templates = CertificateTemplates.Load(run.Settings.TemplatesFolder());
        var year = run.Calendar.Year;
        var awardedOn = run.Settings.DatesFor(year).AwardedOn ?? run.AsOf;

        var decisions = input.DecisionsInForce;
        var warnings = new List<string>();
        var requests = Requests(run, input, warnings);
        var issued = await CertificateIssuer.IssueAsync(run.Database, run.RunId, year, serialFormat, awardedOn, requests, cancellationToken);

        var ofYear = await OfYearAsync(run, cancellationToken);
        var certificates = ofYear.Where(c => !c.Revoked).ToList();
        warnings.AddRange(certificates
            .Where(c => decisions.TryGetValue(c.ApplicationId, out var d) && d.Decision != PanelDecisionValue.Approve)
            .Select(c => Catalogue.Bilingual(
                Message.Of("Warning.IssuedBeforeDecision", c.Serial, c.ApplicationId, decisions[c.ApplicationId].Decision.ToString()), run.Settings.ChineseCulture())));

        var rendering = await CertificateRendering.RenderMissingAsync(run, templates, certificates, cancellationToken);
        if (rendering.Warning is not null)
        {
            warnings.Add(rendering.Warning);
        }

        await WriteListAsync(run, ofYear, cancellationToken);
        return StageOutcome.Of(
                ("approved", requests.Count),
                ("issued", issued.Count),
                ("certificates", certificates.Count),
                ("revoked", ofYear.Count - certificates.Count),
                ("rendered", rendering.Rendered),
                ("pdf", rendering.Pdf ? 1 : 0))
            .WithWarnings(warnings)
            .With(ofYear);
    }

    /// <summary>Approved applications in a stable order (label type, then application id), with the basis of their award.</summary>
    private static List<CertificateRequest> Requests(RunContext run, CertificatesInput input, List<string> warnings)
    {
        var (data, screenings, decisions) = input;
        var applications = data.Applications
            .GroupBy(a => a.ApplicationId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var approved = new List<Application>();
        foreach (var decision in decisions.Values.Where(d => d.Decision == PanelDecisionValue.Approve))
        {
            if (applications.TryGetValue(decision.ApplicationId, out var application))
            {
                approved.Add(application);
            }
            else
            {
                warnings.Add(Catalogue.Bilingual(
                    Message.Of("Warning.ApprovedNotImported", decision.ApplicationId, decision.Source.ToString()), run.Settings.ChineseCulture()));
            }
        }

        // The met lines of each application, in the order screening gave them.
        var met = screenings.ToDictionary(
            s => s.ApplicationId,
            s => s.Requirements.Where(r => r.Result == RequirementStatus.Met).Select(r => new MetRequirement(r.Requirement, r.Evidence)).ToList(),
            StringComparer.Ordinal);
        // Titles by factory, looked up once per approved application instead of scanning them all each time.
        var titlesByFactory = data.Titles.ToLookup(t => t.FactoryId, StringComparer.Ordinal);
        return [.. approved
            .OrderBy(a => a.LabelType)
            .ThenBy(a => a.ApplicationId, StringComparer.Ordinal)
            .Select(a =>
            {
                var lines = met.GetValueOrDefault(a.ApplicationId) ?? [];
                List<Title> titles = a.FactoryId is null ? [] : [.. titlesByFactory[a.FactoryId]];
                return new CertificateRequest(a, AwardBasis.Route(lines, titles), AwardBasis.Evidence(lines));
            })];
    }

    /// <summary>Every certificate of the cycle year, revoked ones included, whichever run issued it, ordered by serial.</summary>
    public static async Task<IReadOnlyList<CertificateRecord>> OfYearAsync(RunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var db = run.OpenDb();
        var certificates = await db.Certificates.AsNoTracking()
            .Where(c => c.Year == run.Calendar.Year)
            .ToListAsync(cancellationToken);
        return [.. certificates.OrderBy(c => c.Serial, StringComparer.Ordinal)];
    }

    /// <summary>The list shows revoked certificates too, with their state and day, since their serials stay taken.</summary>
    private static Task WriteListAsync(RunContext run, IReadOnlyList<CertificateRecord> certificates, CancellationToken cancellationToken) =>
        CsvOutput.WriteAsync(
            run.OutPath("certificates", "certificates.csv"),
            ["Serial", "ApplicationId", "LabelType", "HolderName", "FactoryName", "AwardedOn", "ExpiresOn", "VerificationCode", "State", "RevokedOn"],
            certificates.Select(c => new[]
            {
                c.Serial,
                c.ApplicationId,
                c.LabelType,
                c.HolderName,
                c.FactoryName,
                Days.Iso(c.AwardedOn),
                Days.Iso(c.ExpiresOn),
                c.VerificationCode,
                c.Revoked ? "Revoked" : "Issued",
                c.RevokedOn is { } revokedOn ? Days.Iso(revokedOn) : null,
            }),
            cancellationToken);
}
