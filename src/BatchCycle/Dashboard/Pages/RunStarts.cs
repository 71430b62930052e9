using BatchCycle.Dashboard.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BatchCycle.Dashboard.Pages;

/// <summary>Queues a run and takes the user to it: its page when it starts at once, the runs page when it waits.</summary>
public static class RunStarts
{
    /// <summary>Long enough for a free scheduler to create the run record, short enough not to hold the page.</summary>
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(3);

    public static async Task<IActionResult> FollowAsync(PageModel page, RunLauncher launcher, RunOrder order, CancellationToken cancellationToken, string? note = null)
    {
        var ticket = await launcher.QueueAsync(order, cancellationToken);
        var started = await Task.WhenAny(ticket.Started, Task.Delay(StartWait, cancellationToken));
        var prefix = note is null ? "" : note + " ";
        if (started == ticket.Started && await ticket.Started is { } runId)
        {
            page.TempData["Message"] = prefix + $"Run {runId} started. 运行 {runId} 已开始。";
            return page.RedirectToPage("/Runs/Detail", new { id = runId });
        }

        page.TempData["Message"] = ticket.Refusal is { } refusal
            ? prefix + $"The run could not start: {refusal} 运行未能开始。"
            : prefix + "Another run is active: this run is queued and starts when it finishes. 另一运行进行中，此运行已排队。";
        return page.RedirectToPage("/Runs/Index");
    }
}
