using BatchCycle.Storage;
using BatchCycle.Dashboard.Reminders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BatchCycle.Dashboard.Pages;

/// <summary>
/// Reminder counts per round and state with Send per round, and the results notices' counts with their Send (the
/// same senders as the command line's).
/// </summary>
public sealed class RemindersModel(BatchCycleDatabase database, IReminderSender sender) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    /// <summary>Null when the database has no reminder outbox yet.</summary>
    public IReadOnlyList<ReminderRound> Rounds { get; private set; } = [];

    /// <summary>Results notices by state; empty when no run has drafted one.</summary>
    public IReadOnlyDictionary<string, int> Notices { get; private set; } = new Dictionary<string, int>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Rounds = await ReminderCounts.ReadAsync(database, cancellationToken);
        Notices = await NoticeCounts.ReadAsync(database, cancellationToken);
    }

    public async Task<IActionResult> OnPostSendAsync(string round, CancellationToken cancellationToken)
    {
        Message = await sender.SendRoundAsync(round, cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSendNoticesAsync(CancellationToken cancellationToken)
    {
        Message = await sender.SendNoticesAsync(cancellationToken);
        return RedirectToPage();
    }
}
