using System.Globalization;
using BatchCycle.Dashboard.Scheduling;
using BatchCycle.Dashboard.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace BatchCycle.Dashboard.Pages;

/// <summary>
/// Takes a cycle's spreadsheets into its inbox and, unless asked not to, runs the cycle on the inbox at once:
/// the run's page then shows what the import made of them (its issues, outcomes and downloads).
/// </summary>
public sealed class UploadModel(DashboardOptions options, CycleInbox inbox, RunQueue queue, DashboardClock clock) : PageModel
{
    public DashboardClock Clock { get; } = clock;

    [BindProperty(SupportsGet = true)]
    public int Year { get; set; }

    [BindProperty]
    public bool StartRun { get; set; } = true;

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<UploadRefusal> Refused { get; private set; } = [];

    public IReadOnlyList<InboxFile> Inbox { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Years { get; private set; } = [];

    public string MaxSize => ByteSize.Format(options.Dashboard.MaxUploadBytes);

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostAsync(List<IFormFile> files, CancellationToken cancellationToken)
    {
        if (!KnownYears().Contains(Year))
        {
            Load();
            Refused = [new UploadRefusal("", $"There is no {Year} cycle in the settings. 设置中没有 {Year} 年度。")];
            return Page();
        }

        var result = await inbox.StoreAsync(Year, files, User.Identity!.Name!, cancellationToken);
        if (!result.Accepted)
        {
            Load();
            Refused = result.Refused;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var received = string.Join(", ", result.Stored.Select(f => f.OriginalName));
        var note = $"Received {result.Stored.Count} file(s): {received}. 已收到 {result.Stored.Count} 个文件。";
        if (!StartRun)
        {
            Message = note;
            return RedirectToPage(new { Year });
        }

        return RunStarts.Follow(this, await queue.QueueAsync(options.InboxFolder(Year), Year, User.Identity!.Name!, cancellationToken), note);
    }

    private void Load()
    {
        if (!KnownYears().Contains(Year))
        {
            Year = options.Settings.Year;
        }

        Years = [.. KnownYears().Select(y => new SelectListItem(y.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture), y == Year))];
        Inbox = inbox.List(Year);
    }

    private IReadOnlyList<int> KnownYears() =>
        [.. options.Settings.Cycles.Keys.Select(k => int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0).Where(y => y > 0).Order()];
}
