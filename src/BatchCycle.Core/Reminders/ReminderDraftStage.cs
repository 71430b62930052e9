using System.Globalization;
using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Files;
using BatchCycle.Import;
using BatchCycle.Messages;
using BatchCycle.Pipeline;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Reminders;

/// <summary>
/// Stage <c>reminders</c>: drafts a renewal reminder for every label due one (docs/criteria.md "Renewal reminders")
/// into the outbox, then writes the round's <c>.eml</c> drafts and <c>reminders.csv</c> from the outbox. A
/// reminder already in the outbox for the round keeps its row and Message-ID; nothing is sent here. It gives the
/// stages after it the round's reminders of the cycle, without their bodies.
/// </summary>
public sealed class ReminderDraftStage(string? round = null) : IRunStage<CycleData, IReadOnlyList<DraftedReminder>>, ITemplatedStage
{
    public const string StageName = "reminders";

    public void CheckTemplates(BatchCycleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ReminderTemplates.Load(settings.TemplatesFolder());
    }

    public static readonly IReadOnlyList<string> CsvHeader = ["LabelSerial", "LabelType", "HolderName", "ContactEmail", "ExpiresOn", "Status"];

    /// <summary>Reminders drafted, stored and written together: a few megabytes of message bodies at a time.</summary>
    private const int DraftBatch = 500;

    public string Name => StageName;

    /// <param name="input">The records the run imported: the register's labels and the applications for renewal.</param>
    public async Task<StageResult<IReadOnlyList<DraftedReminder>>> RunAsync(RunContext run, CycleData input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        var roundName = round ?? run.Settings.Reminders.Round;
        if (!ReminderRound.IsValid(roundName))
        {
            throw new SettingsException($"The reminder round '{roundName}' cannot be used: {ReminderRound.Describe()}.");
        }

        // Drafts a cut-off earlier run was writing are hidden files that must not outlive it among the outputs.
        EmlDrafts.RemoveLeftovers(run.OutPath(ReminderRound.FolderParts(roundName, run.Settings.Reminders.Round)));
        var templates = ReminderTemplates.Load(run.Settings.TemplatesFolder());
        var issued = await IssuedLabelsExpiringAsync(run, cancellationToken);
        var selection = RenewalReminderSelection.Select(run.Calendar, input.RegisterLabels, issued, input.Applications);

        var counts = new Dictionary<string, long>
        {
            ["due"] = selection.Due.Count,
            ["skippedRevoked"] = selection.Skipped[ReminderSkip.Revoked],
            ["skippedRenewalApplied"] = selection.Skipped[ReminderSkip.RenewalApplied],
            ["drafted"] = 0,
            ["refreshed"] = 0,
            ["unchanged"] = 0,
        };
        var warnings = new List<string>();

        await using (var db = run.OpenDb())
        {
            // New drafts are stored in one transaction: all of them or, if the run is cut off, none. They are drafted
            // a batch at a time, so a whole-region round never holds all its message bodies in memory at once.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await StoreAllAsync(run, db, roundName, templates, selection.Due, counts, cancellationToken);

            counts["withdrawn"] = await WithdrawAsync(run, db, roundName, selection, warnings, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Progress is recorded in the database, so only once the drafting transaction no longer holds it.
        run.ReportProgress(0.6);
        var rows = await DraftedAsync(run, roundName, cancellationToken);
        await WriteDraftsAsync(run, roundName, rows, cancellationToken);
        counts["noEmail"] = rows.Count(r => r.State == ReminderState.NoEmail);
        counts["sent"] = rows.Count(r => r.State == ReminderState.Sent);
        counts["emlFiles"] = rows.Count(r => r.Recipient is not null);
        // The reason is told again from the register (the outbox keeps it in English only), so it reads in Chinese too.
        var emails = selection.Due.ToDictionary(l => l.Serial, l => l.ContactEmail, StringComparer.Ordinal);
        warnings.AddRange(rows.Where(r => r.State == ReminderState.NoEmail).Select(r => Catalogue.Bilingual(
            Message.Of("Warning.ReminderNoEmail", r.LabelSerial, r.HolderName, ReminderMessage.RecipientProblem(emails.GetValueOrDefault(r.LabelSerial), r.LastError)),
            run.Settings.ChineseCulture())));
        return new StageOutcome(counts, warnings).With(rows);
    }

    /// <summary>
    /// Drafts and stores the reminders of the due labels a batch at a time. Each batch is rendered while the one before
    /// it is stored, which otherwise kept the other core idle for the database's share of the stage.
    /// </summary>
    private static async Task StoreAllAsync(
        RunContext run, BatchCycleDb db, string roundName, ReminderTemplates templates, IReadOnlyList<RegisterLabel> due, Dictionary<string, long> counts, CancellationToken cancellationToken)
    {
        var batches = due.Chunk(DraftBatch).ToList();
        Task<List<ReminderOutboxMessage>>? next = null;
        try
        {
            for (var b = 0; b < batches.Count; b++)
            {
                var drafts = next is null ? Drafts(run, roundName, templates, batches[b], cancellationToken) : await next;
                var following = b + 1 < batches.Count ? batches[b + 1] : null;
                next = following is null ? null : Task.Run(() => Drafts(run, roundName, templates, following, cancellationToken), cancellationToken);
                await StoreBatchAsync(db, roundName, drafts, counts, cancellationToken);
            }
        }
        finally
        {
            // A failed batch still waits for the one being rendered, so that no work outlives the stage.
            if (next is not null)
            {
                await Task.WhenAny(next);
                _ = next.Exception;
            }
        }
    }

    /// <summary>Rendering the templates is most of drafting and each draft is independent: they are rendered side by side.</summary>
    private static List<ReminderOutboxMessage> Drafts(RunContext run, string roundName, ReminderTemplates templates, RegisterLabel[] batch, CancellationToken cancellationToken) =>
        SideBySide.Run(() => batch.AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(label => Draft(run, roundName, templates, label))
            .ToList());

    /// <summary>Adds or refreshes the outbox rows of one batch of drafts; counts what happened to each.</summary>
    private static async Task StoreBatchAsync(
        BatchCycleDb db, string roundName, List<ReminderOutboxMessage> drafts, Dictionary<string, long> counts, CancellationToken cancellationToken)
    {
        var outbox = db.Set<ReminderOutboxMessage>();
        var serials = drafts.Select(d => d.LabelSerial).ToList();
        var existing = await outbox.AsNoTracking()
            .Where(m => m.Round == roundName && serials.Contains(m.LabelSerial))
            .ToDictionaryAsync(m => m.LabelSerial, StringComparer.Ordinal, cancellationToken);
        var added = new List<ReminderOutboxMessage>();
        foreach (var draft in drafts)
        {
            if (!existing.TryGetValue(draft.LabelSerial, out var stored))
            {
                added.Add(draft);
                counts["drafted"]++;
            }
            else if (stored.State is ReminderState.Drafted or ReminderState.NoEmail && !SameContent(stored, draft))
            {
                // An unsent draft follows the register (a corrected address, a new template wording); the
                // condition on State makes a sender's claim made meanwhile win, so nothing sent is rewritten.
                var refreshed = await outbox
                    .Where(m => m.Id == stored.Id && (m.State == ReminderState.Drafted || m.State == ReminderState.NoEmail))
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(m => m.LabelType, draft.LabelType)
                            .SetProperty(m => m.HolderName, draft.HolderName)
                            .SetProperty(m => m.ExpiresOn, draft.ExpiresOn)
                            .SetProperty(m => m.Recipient, draft.Recipient)
                            .SetProperty(m => m.Subject, draft.Subject)
                            .SetProperty(m => m.TextBody, draft.TextBody)
                            .SetProperty(m => m.HtmlBody, draft.HtmlBody)
                            .SetProperty(m => m.State, draft.State)
                            .SetProperty(m => m.LastError, draft.LastError)
                            .SetProperty(m => m.NextAttemptAt, draft.NextAttemptAt),
                        cancellationToken);
                counts[refreshed == 1 ? "refreshed" : "unchanged"]++;
            }
            else
            {
                counts["unchanged"]++;
            }
        }

        await NewRows.AddAsync(db, added, cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Removes the unsent reminders of labels no longer due, with a warning naming them; returns how many.</summary>
    private static async Task<int> WithdrawAsync(
        RunContext run, BatchCycleDb db, string roundName, RenewalReminderSelection selection, List<string> warnings, CancellationToken cancellationToken)
    {
        var outbox = db.Set<ReminderOutboxMessage>();
        // A label no longer due (its holder applied for renewal, or it was revoked) loses its unsent reminder,
        // so a later send does not ask a holder for what it has already done.
        var dueSerials = selection.Due.Select(l => l.Serial).ToList();
        var withdrawn = await outbox
            .Where(m => m.Round == roundName && m.Year == run.Calendar.Year && !dueSerials.Contains(m.LabelSerial)
                && (m.State == ReminderState.Drafted || m.State == ReminderState.NoEmail || m.State == ReminderState.Failed))
            .Select(m => m.LabelSerial)
            .ToListAsync(cancellationToken);
        if (withdrawn.Count > 0)
        {
            await outbox
                .Where(m => m.Round == roundName && withdrawn.Contains(m.LabelSerial)
                    && (m.State == ReminderState.Drafted || m.State == ReminderState.NoEmail || m.State == ReminderState.Failed))
                .ExecuteDeleteAsync(cancellationToken);
            warnings.Add(Catalogue.Bilingual(Message.Of("Warning.RemindersWithdrawn", withdrawn.Count, roundName, MessageList.Of(ListStyle.Comma, [.. withdrawn])), run.Settings.ChineseCulture()));
        }

        return withdrawn.Count;
    }

    /// <summary>The round's reminders of this cycle, ordered by serial, as the drafts and the CSV show them.</summary>
    public static async Task<IReadOnlyList<DraftedReminder>> DraftedAsync(RunContext run, string roundName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var db = run.OpenDb();
        return await db.Set<ReminderOutboxMessage>().AsNoTracking()
            .Where(m => m.Round == roundName && m.Year == run.Calendar.Year)
            .OrderBy(m => m.LabelSerial)
            .Select(m => new DraftedReminder(m.Id, m.LabelSerial, m.LabelType, m.HolderName, m.Recipient, m.ExpiresOn, m.State, m.LastError))
            .ToListAsync(cancellationToken);
    }

    private static async Task WriteDraftsAsync(RunContext run, string roundName, IReadOnlyList<DraftedReminder> rows, CancellationToken cancellationToken)
    {
        var folder = run.OutPath(ReminderRound.FolderParts(roundName, run.Settings.Reminders.Round));
        var withRecipient = rows.Where(r => r.Recipient is not null).ToList();
        var written = withRecipient.Select(r => ReminderMessage.Safe(r.LabelSerial) + ".eml").ToHashSet(StringComparer.Ordinal);
        var zone = run.Settings.CycleTimeZone();
        await using (var db = run.OpenDb())
        {
            foreach (var batch in withRecipient.Chunk(DraftBatch))
            {
                var ids = batch.Select(r => r.Id).ToList();
                var messages = await db.Set<ReminderOutboxMessage>().AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);

                // The drafts are independent files, written side by side. A settings mistake met while writing (no
                // sender address) reaches the user as itself.
                SideBySide.Run(() => Parallel.ForEach(
                    messages,
                    new ParallelOptions { CancellationToken = cancellationToken },
                    row => EmlDrafts.Write(
                        ReminderMessage.Create(ReminderMessage.Mail(row, row.LabelSerial), run.Settings.Smtp, run.Settings.Secretariat, row.CreatedAt, zone),
                        Path.Combine(folder, ReminderMessage.Safe(row.LabelSerial) + ".eml"))));
            }
        }

        // Drafts left in a reused output folder by an earlier run would look current; only this round's stay.
        foreach (var stale in Directory.GetFiles(folder, "*.eml").Where(f => !written.Contains(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }

        await CsvOutput.WriteAsync(
            Path.Combine(folder, "reminders.csv"),
            CsvHeader,
            rows.Select(r => (IReadOnlyList<string?>)
            [
                r.LabelSerial,
                r.LabelType,
                r.HolderName,
                r.Recipient,
                Days.Iso(r.ExpiresOn),
                CsvStatus(r.State),
            ]),
            cancellationToken);
    }

    /// <summary>docs/outputs.md's three statuses: a message not (yet) known to be delivered is still a draft.</summary>
    private static string CsvStatus(ReminderState state) => state switch
    {
        ReminderState.Sent => "Sent",
        ReminderState.NoEmail => "NoEmail",
        _ => "Drafted",
    };

    private static ReminderOutboxMessage Draft(RunContext run, string roundName, ReminderTemplates templates, RegisterLabel label)
    {
        var (recipient, problem) = ReminderMessage.Recipient(label.ContactEmail);
        // The letter is in the holder's script (docs/outputs.md "Languages"), with English.
        var script = HolderScripts.For(label.LabelType, label.HolderRegistrationNo);
        var rendered = templates.Render(script, s => Model(run, roundName, label, s));
        var now = DateTime.UtcNow;
        return new ReminderOutboxMessage
        {
            Round = roundName,
            Year = run.Calendar.Year,
            LabelSerial = label.Serial,
            LabelType = label.LabelType.ToString(),
            HolderName = label.HolderName,
            ExpiresOn = label.ExpiresOn,
            Recipient = recipient,
            Subject = rendered.Subject,
            TextBody = rendered.TextBody,
            HtmlBody = rendered.HtmlBody,
            MessageId = ReminderMessage.MessageId(roundName, label.Serial, run.Settings.Smtp, run.Settings.Secretariat),
            State = recipient is null ? ReminderState.NoEmail : ReminderState.Drafted,
            LastError = problem?.ToString(),
            NextAttemptAt = recipient is null ? null : now,
            CreatedAt = now,
        };
    }

    private static bool SameContent(ReminderOutboxMessage a, ReminderOutboxMessage b) =>
        a.LabelType == b.LabelType && a.HolderName == b.HolderName && a.ExpiresOn == b.ExpiresOn && a.Recipient == b.Recipient
        && a.Subject == b.Subject && a.TextBody == b.TextBody && a.HtmlBody == b.HtmlBody;

    /// <summary>What the templates may use; the names are listed in the README's reminders section.</summary>
    private static Dictionary<string, object?> Model(RunContext run, string roundName, RegisterLabel label, HolderScript script)
    {
        var secretariat = run.Settings.Secretariat;
        return new Dictionary<string, object?>
        {
            ["round"] = roundName,
            ["year"] = run.Calendar.Year,
            ["serial"] = label.Serial,
            ["labelTypeCode"] = label.LabelType.ToString(),
            ["labelTypeZh"] = script.LabelName(label.LabelType),
            ["labelTypeEn"] = LabelTypes.EnglishName(label.LabelType),
            ["holderName"] = label.HolderName,
            ["contactName"] = label.ContactName,
            ["awardedOn"] = Days.Iso(label.AwardedOn),
            ["expiresOn"] = Days.Iso(label.ExpiresOn),
            ["opens"] = Days.Iso(run.Calendar.Opens),
            ["deadline"] = Days.Iso(run.Calendar.Closes),

            // The Chinese half of a letter writes its days as 2025年12月18日 (docs/outputs.md "Languages").
            ["awardedOnZh"] = Catalogue.Day(label.AwardedOn, Catalogue.Simplified),
            ["expiresOnZh"] = Catalogue.Day(label.ExpiresOn, Catalogue.Simplified),
            ["opensZh"] = Catalogue.Day(run.Calendar.Opens, Catalogue.Simplified),
            ["deadlineZh"] = Catalogue.Day(run.Calendar.Closes, Catalogue.Simplified),
            ["requirements"] = RenewalRequirements.For(label.LabelType, label.AwardedOn, run.Calendar, script)
                .Select(r => new Dictionary<string, object?> { ["zh"] = r.Zh, ["en"] = r.En })
                .ToList(),
            ["secretariat"] = new Dictionary<string, object?>
            {
                ["nameZh"] = script == HolderScript.Traditional && secretariat.NameZhHant.Length > 0 ? secretariat.NameZhHant : secretariat.NameZh,
                ["nameEn"] = secretariat.NameEn,
                ["email"] = secretariat.Email,
                ["phone"] = secretariat.Phone,
                ["addressZh"] = script == HolderScript.Traditional && secretariat.AddressZhHant.Length > 0 ? secretariat.AddressZhHant : secretariat.AddressZh,
                ["addressEn"] = secretariat.AddressEn,
            },
        };
    }

    /// <summary>Labels this system issued (table Certificates) that expire in the cycle year, as register labels.</summary>
    private static async Task<List<RegisterLabel>> IssuedLabelsExpiringAsync(RunContext run, CancellationToken cancellationToken)
    {
        await using var db = run.OpenDb();
        var from = run.Calendar.YearStart;
        var to = run.Calendar.YearEnd;
        return [.. await IssuedLabels.LoadAsync(db, c => c.ExpiresOn >= from && c.ExpiresOn <= to, cancellationToken)];
    }
}
