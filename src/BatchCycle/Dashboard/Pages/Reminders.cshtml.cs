using BatchCycle.Dashboard.Reminders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BatchCycle.Dashboard.Pages;

/// <summary>Reminder counts per round and state, and Send per round (the same sender as the command line's).</summary>
public sealed class RemindersModel(DashboardOptions options, IReminderSender sender) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    /// <summary>Null when the database has no reminder outbox yet.</summary>
    public IReadOnlyList<ReminderRound> Rounds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rounds = await ReminderCounts.ReadAsync(options.DatabasePath, cancellationToken);

    public async Task<IActionResult> OnPostSendAsync(string round, CancellationToken cancellationToken)
    {
        Message = await sender.SendRoundAsync(round, cancellationToken);
        return RedirectToPage();
    }
}
