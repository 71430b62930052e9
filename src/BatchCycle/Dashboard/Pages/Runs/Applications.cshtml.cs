using BatchCycle.Dashboard.Runs;
using BatchCycle.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BatchCycle.Dashboard.Pages.Runs;

/// <summary>Every application of a run, searched by id or name and filtered by label type, outcome and decision, a page at a time.</summary>
public sealed class RunApplicationsModel(BatchCycleDatabase database) : PageModel
{
    public long RunId { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Label { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Decision { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ApplicationPage Result { get; private set; } = new([], 0, 1);

    public static IReadOnlyList<string> LabelTypes { get; } = [.. Enum.GetNames<BatchCycle.Cycle.LabelType>()];

    public static IReadOnlyList<string> Decisions { get; } = [.. Enum.GetNames<BatchCycle.Import.PanelDecisionValue>(), ApplicationFilter.NoDecision];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        if (await RunViews.FindAsync(db, id, cancellationToken) is null)
        {
            return NotFound();
        }

        RunId = id;
        Result = await ApplicationViews.ListAsync(db, id, new ApplicationFilter(Q, Label, Outcome, Decision, PageNumber), cancellationToken);
        return Page();
    }

    /// <summary>The link to another page of the same search.</summary>
    public string PageLink(int page) =>
        $"/runs/{RunId}/applications?q={Uri.EscapeDataString(Q ?? "")}&label={Uri.EscapeDataString(Label ?? "")}&outcome={Uri.EscapeDataString(Outcome ?? "")}&decision={Uri.EscapeDataString(Decision ?? "")}&page={page}";
}
