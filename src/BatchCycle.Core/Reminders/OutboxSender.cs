using System.Linq.Expressions;
using BatchCycle.Cycle;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace BatchCycle.Reminders;

/// <summary>What to release before sending; both need a person's decision, so neither happens by default.</summary>
public sealed record SendOptions(bool RetryUncertain, bool RetryFailed);

/// <summary>What happened to one message of the send, for the per-message report.</summary>
public enum SendResult
{
    SentNow,
    AlreadySent,
    Failed,
    GivenUp,
    Uncertain,
    NoEmail,
    ClaimedElsewhere,
    NotDue,
}

/// <summary>One message of the send; <paramref name="Key"/> names it for people (a label serial, an application's notice).</summary>
public sealed record SendLine(string Key, string? Recipient, SendResult Result, int Attempts, string? Error, DateTime? NextAttemptAt, DateTime? SentAt);

public sealed record SendReport(string Scope, IReadOnlyList<SendLine> Lines, int ReleasedUncertain, int ReleasedFailed)
{
    /// <summary>Messages that are neither delivered nor on their way: the send command exits non-zero for them.</summary>
    public bool AllDelivered => Lines.All(l => l.Result is SendResult.SentNow or SendResult.AlreadySent or SendResult.NoEmail or SendResult.ClaimedElsewhere);

    public int Count(SendResult result) => Lines.Count(l => l.Result == result);
}

/// <summary>
/// Which messages of an outbox table one send is about (a reminder round, every results notice), how they are
/// ordered and how a report names each.
/// </summary>
public sealed record OutboxScope<T>(string Name, Expression<Func<T, bool>> Filter, Expression<Func<T, string>> OrderKey, Func<T, string> Key)
    where T : class, IOutboxRow;

/// <summary>
/// Sends the drafted messages of one outbox scope through the SMTP server in settings, over one connection, each AT
/// MOST ONCE: a message is claimed (Drafted/Failed → Sending) by one conditional UPDATE in a transaction before it
/// is handed to the server and marked Sent after, so a second or concurrent sender finds nothing to claim. A message
/// the server may have received without confirming it (the connection dropped or the reply timed out after the end
/// of DATA), like a claim left by a sender that stopped half-way, becomes Uncertain and is never re-sent
/// automatically. Failures before the end of DATA and 4xx answers are retried with back-off; 5xx answers are final.
/// Reminders and results notices share it (their tables have the same state columns), so both keep one guarantee.
/// </summary>
public sealed class OutboxSender<T>(BatchCycleSettings settings, BatchCycleDatabase database)
    where T : class, IOutboxRow
{
    private readonly ReminderSettings reminders = settings.Reminders;

    public async Task<SendReport> SendAsync(OutboxScope<T> scope, SendOptions options, CancellationToken cancellationToken)
    {
        // A wrong sender address is a settings mistake: said before any message is claimed.
        ReminderMessage.SenderAddress(settings.Smtp, settings.Secretariat);
        var zone = settings.CycleTimeZone();
        database.Migrate();
        var attempted = new Dictionary<long, SendResult>();
        int releasedUncertain, releasedFailed;
        using (var lease = await ReminderSendLease.TakeAsync(database, cancellationToken))
        {
            releasedUncertain = options.RetryUncertain ? await ReleaseAsync(scope, ReminderState.Uncertain, cancellationToken) : 0;
            releasedFailed = options.RetryFailed ? await ReleaseAsync(scope, ReminderState.Failed, cancellationToken) : 0;
            await MarkStaleClaimsUncertainAsync(scope, lease.ClaimId, cancellationToken);

            // One pass over every message due, then retries of what failed in this send, after a doubling delay.
            await using var smtp = new SmtpDelivery(settings.Smtp, reminders.SmtpTimeout);
            var ids = await DueAsync(scope, null, cancellationToken);
            for (var retry = 0; ids.Count > 0; retry++)
            {
                foreach (var id in ids)
                {
                    attempted[id] = await SendOneAsync(id, scope, new Attempt(lease.ClaimId, retry < reminders.RetriesPerSend, smtp, zone), cancellationToken);
                }

                var failed = attempted.Where(a => a.Value == SendResult.Failed).Select(a => a.Key).ToList();
                if (retry >= reminders.RetriesPerSend || failed.Count == 0)
                {
                    break;
                }

                await Task.Delay(reminders.RetryDelay * Math.Pow(2, retry), cancellationToken);
                ids = await DueAsync(scope, failed, cancellationToken);
            }
        }

        return new SendReport(scope.Name, await ReportAsync(scope, attempted, cancellationToken), releasedUncertain, releasedFailed);
    }

    /// <summary>The ids a sender may claim now, oldest first; <paramref name="among"/> limits a retry pass to what failed in it.</summary>
    private async Task<List<long>> DueAsync(OutboxScope<T> scope, List<long>? among, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        await using var db = database.Open();
        var query = db.Set<T>().AsNoTracking().Where(scope.Filter)
            .Where(m => (m.State == ReminderState.Drafted || m.State == ReminderState.Failed)
                && m.NextAttemptAt != null && m.NextAttemptAt <= now);
        if (among is not null)
        {
            query = query.Where(m => among.Contains(m.Id));
        }

        return await query.OrderBy(scope.OrderKey).Select(m => m.Id).ToListAsync(cancellationToken);
    }

    /// <summary>What one send passes to each message it tries: its claim, whether a retry follows in this send, the connection.</summary>
    private sealed record Attempt(string ClaimId, bool RetryInThisSend, SmtpDelivery Smtp, TimeZoneInfo Zone);

    private async Task<SendResult> SendOneAsync(long id, OutboxScope<T> scope, Attempt attempt, CancellationToken cancellationToken)
    {
        var claimId = attempt.ClaimId;
        var message = await ClaimAsync(id, claimId, cancellationToken);
        if (message is null)
        {
            // Another sender claimed it between the listing and the claim.
            return SendResult.ClaimedElsewhere;
        }

        MimeMessage mail;
        try
        {
            mail = ReminderMessage.Create(ReminderMessage.Mail(message, scope.Key(message)), settings.Smtp, settings.Secretariat, DateTime.UtcNow, attempt.Zone);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or SettingsException)
        {
            // Nothing reached a server, so the claim is released as a failure a person must look at, never left Sending.
            await SettleAsync(id, claimId, ReminderState.Failed, ex.Message, null, null);
            return SendResult.GivenUp;
        }

        DeliveryOutcome outcome;
        using (mail)
        {
            outcome = await attempt.Smtp.DeliverAsync(mail, cancellationToken);
        }

        switch (outcome.Kind)
        {
            case Delivery.Accepted:
                await SettleAsync(id, claimId, ReminderState.Sent, null, null, DateTime.UtcNow);
                return SendResult.SentNow;
            case Delivery.Uncertain:
                await SettleAsync(id, claimId, ReminderState.Uncertain, outcome.Error + "; it may have been delivered", null, null);
                return SendResult.Uncertain;
            case Delivery.Refused:
                // A 5xx answer is final: the same message would be refused again, so only a person releases it.
                await SettleAsync(id, claimId, ReminderState.Failed, outcome.Error + " (refused for good)", null, null);
                return SendResult.GivenUp;
            default:
                // Not accepted, and nothing of it can have been delivered: it may be tried again.
                var givenUp = message.Attempts >= settings.Smtp.MaxAttempts;
                var next = givenUp ? (DateTime?)null : DateTime.UtcNow + (attempt.RetryInThisSend ? TimeSpan.Zero : reminders.RetryBackoff);
                await SettleAsync(id, claimId, ReminderState.Failed, outcome.Error, next, null);
                return givenUp ? SendResult.GivenUp : SendResult.Failed;
        }
    }

    /// <summary>
    /// Drafted/Failed → Sending in one conditional UPDATE inside an immediate transaction: of two senders racing for
    /// the same row exactly one sees one row changed. The attempt is counted at the claim, so a sender killed while
    /// sending still leaves its attempt on record.
    /// </summary>
    private async Task<T?> ClaimAsync(long id, string claimId, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        await using var db = database.Open();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Set<T>()
            .Where(m => m.Id == id && (m.State == ReminderState.Drafted || m.State == ReminderState.Failed)
                && m.NextAttemptAt != null && m.NextAttemptAt <= now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.State, ReminderState.Sending)
                    .SetProperty(m => m.ClaimedBy, claimId)
                    .SetProperty(m => m.ClaimedAt, now)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1),
                cancellationToken);
        if (claimed != 1)
        {
            return null;
        }

        var message = await db.Set<T>().AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return message;
    }

    /// <summary>Records the outcome of a claimed message; never cancelled, so what the server did is never lost.</summary>
    private async Task SettleAsync(long id, string claimId, ReminderState state, string? error, DateTime? nextAttemptAt, DateTime? sentAt)
    {
        await using var db = database.Open();
        await db.Set<T>()
            .Where(m => m.Id == id && m.State == ReminderState.Sending && m.ClaimedBy == claimId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.State, state)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.NextAttemptAt, nextAttemptAt)
                    .SetProperty(m => m.SentAt, sentAt)
                    .SetProperty(m => m.ClaimedBy, state == ReminderState.Sent ? claimId : null),
                CancellationToken.None);
    }

    /// <summary>A message still Sending whose sender has stopped may have reached the server: a person must check it.</summary>
    private async Task MarkStaleClaimsUncertainAsync(OutboxScope<T> scope, string ownClaim, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var sending = await db.Set<T>().AsNoTracking().Where(scope.Filter)
            .Where(m => m.State == ReminderState.Sending && m.ClaimedBy != ownClaim)
            .Select(m => new { m.Id, m.ClaimedBy, m.ClaimedAt })
            .ToListAsync(cancellationToken);
        foreach (var claim in sending)
        {
            if (claim.ClaimedBy is not null && await ReminderSendLease.IsAliveAsync(database, claim.ClaimedBy, cancellationToken))
            {
                continue;
            }

            var note = $"the sender {claim.ClaimedBy} stopped while sending it (claimed {claim.ClaimedAt:yyyy-MM-dd HH:mm:ss} UTC); it may have been delivered";
            await db.Set<T>()
                .Where(m => m.Id == claim.Id && m.State == ReminderState.Sending && m.ClaimedBy == claim.ClaimedBy)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, ReminderState.Uncertain).SetProperty(m => m.LastError, note), cancellationToken);
        }
    }

    /// <summary>A person checked: the Uncertain messages did not arrive, or the Failed ones may be tried afresh.</summary>
    private async Task<int> ReleaseAsync(OutboxScope<T> scope, ReminderState state, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        await using var db = database.Open();
        return await db.Set<T>().Where(scope.Filter)
            .Where(m => m.State == state)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.State, ReminderState.Drafted)
                    .SetProperty(m => m.Attempts, 0)
                    .SetProperty(m => m.NextAttemptAt, now)
                    .SetProperty(m => m.ClaimedBy, (string?)null),
                cancellationToken);
    }

    private async Task<List<SendLine>> ReportAsync(OutboxScope<T> scope, Dictionary<long, SendResult> attempted, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var rows = await db.Set<T>().AsNoTracking().Where(scope.Filter)
            .OrderBy(scope.OrderKey)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new SendLine(scope.Key(r), r.Recipient, ResultOf(r, attempted), r.Attempts, r.LastError, r.NextAttemptAt, r.SentAt))];
    }

    private static SendResult ResultOf(T row, Dictionary<long, SendResult> attempted) => row.State switch
    {
        ReminderState.Sent => attempted.TryGetValue(row.Id, out var result) && result == SendResult.SentNow ? SendResult.SentNow : SendResult.AlreadySent,
        ReminderState.NoEmail => SendResult.NoEmail,
        ReminderState.Uncertain => SendResult.Uncertain,
        ReminderState.Sending => SendResult.ClaimedElsewhere,
        ReminderState.Failed => row.NextAttemptAt is null ? SendResult.GivenUp : SendResult.Failed,
        ReminderState.Drafted => SendResult.NotDue,
        _ => throw new ArgumentOutOfRangeException(nameof(row), row.State, "Unknown outbox state."),
    };
}
