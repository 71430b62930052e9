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

    public int MaxFiles => options.Dashboard.MaxUploadFiles;

    /// <summary>Names shown in the message after an upload; the rest are counted. The message travels in a cookie, which must stay small.</summary>
    private const int NamedFiles = 3;

    private const int ShownNameLength = 60;

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

        var note = $"Received {result.Stored.Count} file(s): {Names(result.Stored)}. 已收到 {result.Stored.Count} 个文件。";
        if (!StartRun)
        {
            Message = note;
            return RedirectToPage(new { Year });
        }

        return RunStarts.Follow(this, await queue.QueueAsync(options.InboxFolder(Year), Year, User.Identity!.Name!, cancellationToken), note);
    }

    /// <summary>The first few names, each cut to a readable length, and how many more; the inbox below lists them all.</summary>
    private static string Names(IReadOnlyList<InboxFile> stored)
    {
        var named = string.Join(", ", stored.Take(NamedFiles).Select(f => f.OriginalName.Length > ShownNameLength ? f.OriginalName[..ShownNameLength] + "…" : f.OriginalName));
        return stored.Count > NamedFiles ? $"{named} and {stored.Count - NamedFiles} more 等" : named;
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
