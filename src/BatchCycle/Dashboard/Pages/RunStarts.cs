using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BatchCycle.Dashboard.Pages;

/// <summary>Takes the user to the run they asked for: it is recorded before its job is queued, so its page exists at once.</summary>
public static class RunStarts
{
    public static IActionResult Follow(PageModel page, (long? RunId, string? Problem) queued, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var prefix = note is null ? "" : note + " ";
        if (queued.RunId is not { } runId)
        {
            page.TempData["Message"] = prefix + $"The run could not start: {queued.Problem} 运行未能开始。";
            return page.RedirectToPage("/Runs/Index");
        }

        page.TempData["Message"] = prefix + $"Run {runId} is queued: it starts when no other run is active. 运行 {runId} 已排队，无其他运行时即开始。";
        return page.RedirectToPage("/Runs/Detail", new { id = runId });
    }
}
