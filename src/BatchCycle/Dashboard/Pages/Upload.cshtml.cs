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

    public IReadOnlyList<ArchivedFile> Archived { get; private set; } = [];

    /// <summary>An upload waiting for the officer to say what its files are to the inbox's files of the same name or kind.</summary>
    public PendingUpload? Pending { get; private set; }

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

        return await AfterAsync(await inbox.StoreAsync(Year, files, User.Identity!.Name!, cancellationToken), cancellationToken);
    }

    /// <summary>The officer's answer for a held upload: per file index, the stored name it replaces or "beside".</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string pendingId, Dictionary<int, string> answer, CancellationToken cancellationToken)
    {
        if (!KnownYears().Contains(Year))
        {
            return BadRequest();
        }

        return await AfterAsync(await inbox.Changes.ConfirmAsync(Year, pendingId, answer, User.Identity!.Name!, cancellationToken), cancellationToken);
    }

    /// <summary>A new version of one inbox file: the old one is archived.</summary>
    public async Task<IActionResult> OnPostReplaceAsync(string storedName, List<IFormFile> files, CancellationToken cancellationToken)
    {
        if (!KnownYears().Contains(Year))
        {
            return BadRequest();
        }

        return await AfterAsync(await inbox.StoreAsync(Year, files, User.Identity!.Name!, cancellationToken, replacing: storedName), cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string storedName, CancellationToken cancellationToken)
    {
        if (!KnownYears().Contains(Year))
        {
            return BadRequest();
        }

        var removed = await inbox.Changes.RemoveAsync(Year, storedName, User.Identity!.Name!, cancellationToken);
        Message = removed
            ? "The file was removed from the inbox and archived; runs no longer read it. 文件已从收件箱移除并存档，运行不再读取。"
            : "That file is no longer in the inbox. 该文件已不在收件箱中。";
        return RedirectToPage(new { Year });
    }

    private async Task<IActionResult> AfterAsync(UploadResult result, CancellationToken cancellationToken)
    {
        if (result.Pending is { } pending)
        {
            Load();
            Pending = pending;
            return Page();
        }

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
        Archived = inbox.Changes.Archived(Year);
    }

    private IReadOnlyList<int> KnownYears() =>
        [.. options.Settings.Cycles.Keys.Select(k => int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0).Where(y => y > 0).Order()];
}
