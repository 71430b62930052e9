using BatchCycle.Dashboard.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BatchCycle.Dashboard.Pages;

/// <summary>The schedules of the settings, their next and last runs; Trigger now, pause and resume.</summary>
public sealed class SchedulesModel(ScheduleBoard board, RunQueue queue, DashboardClock clock, DashboardOptions options) : PageModel
{
    public DashboardClock Clock { get; } = clock;

    public string DataFolder => options.DataFolder;

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<ScheduleView> Schedules { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Schedules = await board.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostTriggerAsync(string name, CancellationToken cancellationToken)
    {
        if (board.Find(name) is not { } schedule)
        {
            return NotFound();
        }

        var paused = await board.IsPausedAsync(schedule.Name, cancellationToken);
        return RunStarts.Follow(this, await queue.TriggerAsync(schedule, User.Identity!.Name!, paused, cancellationToken));
    }

    public Task<IActionResult> OnPostPauseAsync(string name, CancellationToken cancellationToken) => SetPausedAsync(name, true, cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(string name, CancellationToken cancellationToken) => SetPausedAsync(name, false, cancellationToken);

    private async Task<IActionResult> SetPausedAsync(string name, bool paused, CancellationToken cancellationToken)
    {
        if (board.Find(name) is not { } schedule)
        {
            return NotFound();
        }

        await board.PauseAsync(schedule, User.Identity!.Name!, paused, cancellationToken);
        Message = paused ? $"Schedule {name} paused. 排程已暂停。" : $"Schedule {name} resumed. 排程已恢复。";
        return RedirectToPage();
    }
}
