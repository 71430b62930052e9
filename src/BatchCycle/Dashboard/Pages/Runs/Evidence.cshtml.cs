using BatchCycle.Dashboard.Runs;
using BatchCycle.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BatchCycle.Dashboard.Pages.Runs;

/// <summary>One evidence key of a run: the requirement lines that cite it, and its certificate where it is a label serial.</summary>
public sealed class RunEvidenceModel(BatchCycleDatabase database) : PageModel
{
    public long RunId { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    public EvidenceView View { get; private set; } = new("", [], false, null, []);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        if (string.IsNullOrWhiteSpace(Key) || await RunViews.FindAsync(db, id, cancellationToken) is null)
        {
            return NotFound();
        }

        RunId = id;
        View = await EvidenceViews.FindAsync(db, id, Key.Trim(), cancellationToken);
        return Page();
    }
}
