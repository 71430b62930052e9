using BatchCycle.Dashboard.Runs;
using BatchCycle.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BatchCycle.Dashboard.Pages.Runs;

/// <summary>One application of a run: each requirement line with its result, evidence and reason, and the run's files about it.</summary>
public sealed class RunApplicationModel(BatchCycleDatabase database) : PageModel
{
    public long RunId { get; private set; }

    public ApplicationRow Application { get; private set; } = new("", null, null, "", null, null, null, null, null);

    public IReadOnlyList<RequirementResultRecord> Requirements { get; private set; } = [];

    public IReadOnlyList<string> Files { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, string applicationId, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        if (await ApplicationViews.FindAsync(db, id, applicationId, cancellationToken) is not { } application)
        {
            return NotFound();
        }

        RunId = id;
        Application = application;
        Requirements = await ApplicationViews.RequirementsAsync(db, id, applicationId, cancellationToken);
        Files = await ApplicationViews.FilesAsync(db, id, applicationId, cancellationToken);
        return Page();
    }
}
