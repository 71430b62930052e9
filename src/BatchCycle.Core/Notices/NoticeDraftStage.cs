using System.Globalization;
using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Files;
using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Pipeline;
using BatchCycle.Reminders;
using BatchCycle.Screening;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Notices;

/// <summary>
/// What the notices stage is given: the run's imported records, their screenings, the panel's decisions in force
/// and the certificates of the cycle year.
/// </summary>
public sealed record NoticeInput(
    CycleData Imported,
    IReadOnlyList<ApplicationScreening> Screenings,
    IReadOnlyDictionary<string, PanelDecision> DecisionsInForce,
    IReadOnlyList<CertificateRecord> Certificates);

/// <summary>
/// The <c>notices</c> stage (guide 7, "结果将于…以电邮通知申请人"): drafts one results notice per application with a
/// panel decision in force — Approve with the label, serial, validity and verification link; Reject with the
/// requirements not met and why; Defer with what the secretariat will ask for — into the outbox, and writes
/// <c>notices/&lt;ApplicationId&gt;.eml</c> and <c>notices/notices.csv</c>. Nothing is sent here. A notice already
/// sent is never rewritten: when the decision changes afterwards, a new notice is drafted that names the one it
/// corrects, so the applicant is never sent a silent second copy of the old letter. It gives the stages after it
/// the latest notice of each application with a decision in force.
/// </summary>
public sealed class NoticeDraftStage : IRunStage<NoticeInput, IReadOnlyList<DraftedNotice>>, ITemplatedStage
{
    public const string StageName = "notices";

    public static readonly IReadOnlyList<string> CsvHeader = ["ApplicationId", "LabelType", "Decision", "HolderName", "ContactEmail", "Status", "Corrects"];

    private static readonly ReminderState[] Unsent = [ReminderState.Drafted, ReminderState.NoEmail, ReminderState.Failed];

    public string Name => StageName;

    public void CheckTemplates(BatchCycleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        NoticeTemplates.Load(settings.TemplatesFolder());
    }

    public async Task<StageResult<IReadOnlyList<DraftedNotice>>> RunAsync(RunContext run, NoticeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        var templates = NoticeTemplates.Load(run.Settings.TemplatesFolder());
        var applications = input.Imported.Applications.GroupBy(a => a.ApplicationId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var decided = Decided(input.Imported, input.DecisionsInForce);
        var sources = new NoticeSources(OpenRequirements(input.Screenings), input.Certificates.Where(c => !c.Revoked).ToDictionary(c => c.ApplicationId, StringComparer.Ordinal));
        var counts = new Dictionary<string, long> { ["decided"] = decided.Count, ["drafted"] = 0, ["refreshed"] = 0, ["unchanged"] = 0, ["corrections"] = 0 };

        List<NoticeOutboxMessage> latest;
        await using (var db = run.OpenDb())
        {
            // The refreshed and withdrawn notices are saved by the change tracker, the new ones added apart; all in one transaction.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var outbox = db.Set<NoticeOutboxMessage>();
            var history = (await outbox.Where(m => m.Year == run.Calendar.Year).ToListAsync(cancellationToken))
                .GroupBy(m => m.ApplicationId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderBy(m => m.Version).ToList(), StringComparer.Ordinal);
            // Rendering the templates is most of drafting and each draft is independent: they are rendered side by
            // side, then added to the outbox in order.
            var drafts = SideBySide.Run(() => decided.AsParallel().AsOrdered().WithCancellation(cancellationToken)
                .Select(decision => DraftIfNeeded(run, templates, applications[decision.ApplicationId], decision, sources, history.GetValueOrDefault(decision.ApplicationId)))
                .ToList());
            latest = [];
            var added = new List<NoticeOutboxMessage>();
            for (var i = 0; i < decided.Count; i++)
            {
                var (row, change) = Upsert(run, decided[i], drafts[i], history.GetValueOrDefault(decided[i].ApplicationId), added);
                counts[change]++;
                latest.Add(row);
            }

            // A decision no longer in force (its workbook row was cleared) loses its unsent notice.
            var decidedIds = decided.Select(d => d.ApplicationId).ToHashSet(StringComparer.Ordinal);
            var withdrawn = history.Values.SelectMany(h => h).Where(m => !decidedIds.Contains(m.ApplicationId) && Unsent.Contains(m.State)).ToList();
            outbox.RemoveRange(withdrawn);
            counts["withdrawn"] = withdrawn.Count;

            // The drafts are written while the outbox is saved, on the other core: they need nothing the database gives back.
            var writing = Task.Run(() => WriteDrafts(run, latest, cancellationToken), cancellationToken);
            await AlongsideAsync(writing, async () =>
            {
                await db.SaveChangesAsync(cancellationToken);
                await NewRows.AddAsync(db, added, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
        }

        await WriteListAsync(run, latest, cancellationToken);
        counts["noEmail"] = latest.Count(r => r.State == ReminderState.NoEmail);
        counts["sent"] = latest.Count(r => r.State == ReminderState.Sent);
        var warnings = latest.Where(r => r.State == ReminderState.NoEmail)
            .Select(r => Catalogue.Bilingual(
                Message.Of("Warning.NoticeNoEmail", r.ApplicationId, r.HolderName, ReminderMessage.RecipientProblem(applications[r.ApplicationId].ContactEmail, r.LastError)),
                run.Settings.ChineseCulture()));
        return new StageOutcome(counts, [.. warnings]).With<IReadOnlyList<DraftedNotice>>([.. latest.Select(DraftedNotice.Of)]);
    }

    /// <summary>The latest notice of each of <paramref name="decided"/>, ordered by application id, as the outbox holds them.</summary>
    public static async Task<IReadOnlyList<DraftedNotice>> DraftedAsync(RunContext run, IReadOnlyList<PanelDecision> decided, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(decided);
        var ids = decided.Select(d => d.ApplicationId).ToHashSet(StringComparer.Ordinal);
        await using var db = run.OpenDb();
        var rows = await db.Set<NoticeOutboxMessage>().AsNoTracking()
            .Where(m => m.Year == run.Calendar.Year)
            .Select(m => new { m.ApplicationId, m.Version, m.MessageId, m.Decision, m.Recipient, m.State, m.Corrects })
            .ToListAsync(cancellationToken);
        return [.. rows.Where(m => ids.Contains(m.ApplicationId))
            .GroupBy(m => m.ApplicationId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(m => m.Version)!)
            .OrderBy(m => m.ApplicationId, StringComparer.Ordinal)
            .Select(m => new DraftedNotice(m.ApplicationId, m.Version, m.MessageId, m.Decision, m.Recipient, m.State, m.Corrects))];
    }

    /// <summary>The decisions in force that name an imported application, ordered by application id: one notice each.</summary>
    public static IReadOnlyList<PanelDecision> Decided(CycleData imported, IReadOnlyDictionary<string, PanelDecision> decisionsInForce)
    {
        ArgumentNullException.ThrowIfNull(imported);
        ArgumentNullException.ThrowIfNull(decisionsInForce);
        var ids = imported.Applications.Select(a => a.ApplicationId).ToHashSet(StringComparer.Ordinal);
        return [.. decisionsInForce.Values.Where(d => ids.Contains(d.ApplicationId)).OrderBy(d => d.ApplicationId, StringComparer.Ordinal)];
    }

    /// <summary>What a notice is drafted from besides the application: its open requirement lines and its certificate.</summary>
    private sealed record NoticeSources(
        IReadOnlyDictionary<string, List<RequirementResult>> OpenRequirements,
        IReadOnlyDictionary<string, CertificateRecord> Certificates);

    /// <summary>The new draft of the application's notice, or null when its latest one was sent with the same decision and stays.</summary>
    private static NoticeOutboxMessage? DraftIfNeeded(
        RunContext run, NoticeTemplates templates, Application application, PanelDecision decision, NoticeSources sources, List<NoticeOutboxMessage>? history)
    {
        var latest = history?.LastOrDefault();
        var sent = IsSent(latest);
        if (sent && latest!.Decision == decision.Decision.ToString())
        {
            return null;
        }

        return Draft(run, templates, application, decision, sources, sent ? latest!.MessageId : latest?.Corrects);
    }

    /// <summary>
    /// Drafts or refreshes the application's latest notice; a sent one is kept and, if the decision changed, corrected
    /// by a new one. A new notice joins <paramref name="added"/>; a refreshed one is changed where the context tracks it.
    /// </summary>
    private static (NoticeOutboxMessage Row, string Change) Upsert(
        RunContext run, PanelDecision decision, NoticeOutboxMessage? draft, List<NoticeOutboxMessage>? history, List<NoticeOutboxMessage> added)
    {
        var latest = history?.LastOrDefault();
        var sent = IsSent(latest);
        if (draft is null)
        {
            return (latest!, "unchanged");
        }

        if (latest is null || sent)
        {
            draft.Version = (latest?.Version ?? 0) + 1;
            draft.MessageId = MessageId(run, decision.ApplicationId, draft.Version);
            added.Add(draft);
            return (draft, sent ? "corrections" : "drafted");
        }

        if (latest.Decision == draft.Decision && latest.Subject == draft.Subject && latest.TextBody == draft.TextBody
            && latest.HtmlBody == draft.HtmlBody && latest.Recipient == draft.Recipient)
        {
            return (latest, "unchanged");
        }

        (latest.LabelType, latest.Decision, latest.HolderName, latest.Recipient) = (draft.LabelType, draft.Decision, draft.HolderName, draft.Recipient);
        (latest.Subject, latest.TextBody, latest.HtmlBody) = (draft.Subject, draft.TextBody, draft.HtmlBody);
        (latest.State, latest.Attempts, latest.LastError, latest.NextAttemptAt) = (draft.State, 0, draft.LastError, draft.NextAttemptAt);
        return (latest, "refreshed");
    }

    private static bool IsSent(NoticeOutboxMessage? latest) => latest is { State: ReminderState.Sent or ReminderState.Sending or ReminderState.Uncertain };

    private static NoticeOutboxMessage Draft(
        RunContext run, NoticeTemplates templates, Application application, PanelDecision decision, NoticeSources sources, string? corrects)
    {
        var (recipient, problem) = ReminderMessage.Recipient(application.ContactEmail);
        // The letter is in the applicant's script (docs/outputs.md "Languages"), with English.
        var script = HolderScripts.For(application.LabelType, application.RegistrationNo);
        var rendered = templates.Render(script, s => NoticeModel.Of(run, application, decision, sources.OpenRequirements.GetValueOrDefault(application.ApplicationId) ?? [],
            sources.Certificates.GetValueOrDefault(application.ApplicationId), corrects is not null, s));
        var now = DateTime.UtcNow;
        return new NoticeOutboxMessage
        {
            Year = run.Calendar.Year,
            ApplicationId = application.ApplicationId,
            LabelType = application.LabelType.ToString(),
            Decision = decision.Decision.ToString(),
            HolderName = application.ApplicantName,
            Recipient = recipient,
            Subject = rendered.Subject,
            TextBody = rendered.TextBody,
            HtmlBody = rendered.HtmlBody,
            Corrects = corrects,
            State = recipient is null ? ReminderState.NoEmail : ReminderState.Drafted,
            LastError = problem?.ToString(),
            NextAttemptAt = recipient is null ? null : now,
            CreatedAt = now,
        };
    }

    /// <summary>One per notice version, so a correction is a message of its own that mail programs and the outbox tell apart.</summary>
    private static string MessageId(RunContext run, string applicationId, int version)
    {
        var host = new System.Net.Mail.MailAddress(ReminderMessage.SenderAddress(run.Settings.Smtp, run.Settings.Secretariat)).Host;
        return string.Create(CultureInfo.InvariantCulture, $"<notice.{run.Calendar.Year}.{ReminderMessage.Safe(applicationId)}.{version}@{host}>");
    }

    /// <summary>The top-level requirement lines not met or unknown, by application: what a Reject or Defer explains.</summary>
    private static Dictionary<string, List<RequirementResult>> OpenRequirements(IReadOnlyList<ApplicationScreening> screenings) =>
        screenings.ToDictionary(
            s => s.ApplicationId,
            s => s.Requirements.Where(r => r.IsTopLevel && r.Result is RequirementStatus.NotMet or RequirementStatus.Unknown).ToList(),
            StringComparer.Ordinal);

    /// <summary>Runs <paramref name="save"/> while <paramref name="writing"/> goes on and waits for both; a failure of either fails the stage.</summary>
    private static async Task AlongsideAsync(Task writing, Func<Task> save)
    {
        try
        {
            await save();
        }
        finally
        {
            // A failed save still waits for the drafts being written, so that nothing is written after the stage ends.
            await Task.WhenAny(writing);
        }

        await writing;
    }

    private static void WriteDrafts(RunContext run, IReadOnlyList<NoticeOutboxMessage> rows, CancellationToken cancellationToken)
    {
        var folder = run.OutPath("notices");
        var zone = run.Settings.CycleTimeZone();
        EmlDrafts.RemoveLeftovers(folder);

        // The drafts are independent files, written side by side. A settings mistake met while writing (no sender
        // address) reaches the user as itself.
        SideBySide.Run(() => Parallel.ForEach(
            rows.Where(r => r.Recipient is not null),
            new ParallelOptions { CancellationToken = cancellationToken },
            row =>
            {
                using var message = ReminderMessage.Create(ReminderMessage.Mail(row, NoticeSender.Key(row)), run.Settings.Smtp, run.Settings.Secretariat, row.CreatedAt, zone);
                EmlDrafts.Write(message, Path.Combine(folder, ReminderMessage.Safe(row.ApplicationId) + ".eml"));
            }));
    }

    private static async Task WriteListAsync(RunContext run, IReadOnlyList<NoticeOutboxMessage> rows, CancellationToken cancellationToken)
    {
        var folder = run.OutPath("notices");
        var written = rows.Where(r => r.Recipient is not null).Select(r => ReminderMessage.Safe(r.ApplicationId) + ".eml").ToHashSet(StringComparer.Ordinal);

        // Drafts left in a reused output folder by an earlier run would look current; only this run's stay.
        foreach (var stale in Directory.GetFiles(folder, "*.eml").Where(f => !written.Contains(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }

        await CsvOutput.WriteAsync(
            Path.Combine(folder, "notices.csv"),
            CsvHeader,
            rows.Select(r => (IReadOnlyList<string?>)[r.ApplicationId, r.LabelType, r.Decision, r.HolderName, r.Recipient, Status(r.State), r.Corrects]),
            cancellationToken);
    }

    /// <summary>docs/outputs.md's four statuses: a message not known to be delivered or cut off is still a draft.</summary>
    private static string Status(ReminderState state) => state switch
    {
        ReminderState.Sent => "Sent",
        ReminderState.NoEmail => "NoEmail",
        ReminderState.Uncertain or ReminderState.Sending => "Uncertain",
        _ => "Drafted",
    };
}
