using BatchCycle.Certificates;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Reminders;

/// <summary>
/// Revokes a certificate (<see cref="CertificateRevocation"/>) and withdraws its unsent reminders at once: a revoked
/// label gets no reminder (docs/criteria.md, Revocation), also from a send made before the next run redrafts the round.
/// The command line and the dashboard both revoke through here.
/// </summary>
public static class Revocations
{
    public static async Task<RevocationOutcome> RevokeAsync(BatchCycleDatabase database, RevocationRequest request, DateOnly today, CancellationToken cancellationToken)
    {
        var outcome = await CertificateRevocation.RevokeAsync(database, request, today, cancellationToken);
        if (outcome.Result != RevocationResult.Revoked)
        {
            return outcome;
        }

        await using var db = database.Open();
        var withdrawn = await db.Set<ReminderOutboxMessage>()
            .Where(m => m.LabelSerial == outcome.Serial
                && (m.State == ReminderState.Drafted || m.State == ReminderState.NoEmail || m.State == ReminderState.Failed))
            .ExecuteDeleteAsync(cancellationToken);
        return withdrawn == 0
            ? outcome
            : outcome with { Message = $"{outcome.Message} 已撤回 {withdrawn} 封未寄出的提醒。Withdrew {withdrawn} unsent reminder(s) of it." };
    }
}
