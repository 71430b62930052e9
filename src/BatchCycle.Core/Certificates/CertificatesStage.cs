using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Panel;
using BatchCycle.Runs;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Certificates;

/// <summary>
/// Issues a certificate for each application the panel approved (its decision in force is <c>Approve</c>),
/// renders every certificate of the cycle that has no file in this run's output yet, and lists them all in
/// <c>certificates/certificates.csv</c>.
/// </summary>
public sealed class CertificatesStage : ITemplatedStage
{
    public string Name => "certificates";

    public void CheckTemplates(Cycle.BatchCycleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CertificateTemplates.Load(settings.TemplatesFolder());
    }

    public async Task<StageOutcome> RunAsync(RunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        // Settings and template first: a mistake in either stops the stage before anything is issued.
        var serialFormat = SerialFormat.Parse(run.Settings.SerialFormat);
        var templates = CertificateTemplates.Load(run.Settings.TemplatesFolder());
        var year = run.Calendar.Year;
        var awardedOn = run.Settings.DatesFor(year).AwardedOn ?? run.AsOf;

        var data = await ImportStore.LoadAsync(run, cancellationToken);
        var decisions = PanelDecisionBook.Effective(data.PanelDecisions);
        var warnings = new List<string>();
        var requests = await RequestsAsync(run, data, decisions, warnings, cancellationToken);
        var issued = await CertificateIssuer.IssueAsync(run.DatabasePath, run.RunId, year, serialFormat, awardedOn, requests, cancellationToken);

        var ofYear = await CertificatesOfYearAsync(run, cancellationToken);
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
            .WithWarnings(warnings);
    }

    /// <summary>Approved applications in a stable order (label type, then application id), with the basis of their award.</summary>
    private static async Task<IReadOnlyList<CertificateRequest>> RequestsAsync(
        RunContext run,
        CycleData data,
        IReadOnlyDictionary<string, PanelDecision> decisions,
        List<string> warnings,
        CancellationToken cancellationToken)
    {
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

        var met = await MetRequirementsAsync(run, cancellationToken);
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

    /// <summary>The met requirement lines screening stored for this run, by application, in the order it wrote them.</summary>
    private static async Task<Dictionary<string, List<MetRequirement>>> MetRequirementsAsync(RunContext run, CancellationToken cancellationToken)
    {
        if (Screening.ScreeningResults.Recall(run) is { } screenings)
        {
            return screenings.ToDictionary(
                s => s.ApplicationId,
                s => s.Requirements.Where(r => r.Result == Screening.RequirementStatus.Met).Select(r => new MetRequirement(r.Requirement, r.Evidence)).ToList(),
                StringComparer.Ordinal);
        }

        await using var db = run.OpenDb();
        var rows = await db.RequirementResults.AsNoTracking()
            .Where(r => r.RunId == run.RunId && r.Result == "Met")
            .OrderBy(r => r.Id)
            .Select(r => new { r.ApplicationId, r.Requirement, r.Evidence })
            .ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => r.ApplicationId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.Select(r => new MetRequirement(r.Requirement, AwardBasis.SplitEvidence(r.Evidence))).ToList(),
                StringComparer.Ordinal);
    }

    /// <summary>Every certificate of the cycle year, revoked ones included, whichever run issued it, ordered by serial.</summary>
    private static async Task<IReadOnlyList<CertificateRecord>> CertificatesOfYearAsync(RunContext run, CancellationToken cancellationToken)
    {
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
