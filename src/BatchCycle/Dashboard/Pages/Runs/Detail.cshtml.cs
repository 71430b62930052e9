using BatchCycle.Dashboard.Runs;
using BatchCycle.Dashboard.Scheduling;
using BatchCycle.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Pages.Runs;

/// <summary>One run: its stages with timings and errors, outcomes, import issues and the files it wrote.</summary>
public sealed class RunDetailModel(BatchCycleDatabase database, RunQueue queue, DashboardClock clock) : PageModel
{
    public DashboardClock Clock { get; } = clock;

    [TempData]
    public string? Message { get; set; }

    public RunRecord Run { get; private set; } = new();

    public RunProgress Progress { get; private set; } = RunProgress.Of(new RunRecord());

    public IReadOnlyList<RunFile> Files { get; private set; } = [];

    public IReadOnlyList<OutcomeRow> Outcomes { get; private set; } = [];

    public IReadOnlyList<ImportIssueRecord> Issues { get; private set; } = [];

    public int IssueCount { get; private set; }

    public int CertificateCount { get; private set; }

    /// <summary>Stages started and done, warnings and the error of a failed stage, as the job's page shows them too.</summary>
    public IReadOnlyList<string> Log { get; private set; } = [];

    /// <summary>Each stage can be re-run alone, so a cut-off or failed run resumes from the stage it stopped in.</summary>
    public bool CanResume => Run.State is RunState.Interrupted or RunState.Failed;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        if (await RunViews.FindAsync(db, id, cancellationToken) is not { } run)
        {
            return NotFound();
        }

        Run = run;

        // Progress first: it looks for run-summary.json, and a page that saw the summary must also list it.
        Progress = RunProgress.Of(run);
        Files = await RunFiles.ListAsync(db, id, cancellationToken);
        Outcomes = await RunViews.OutcomesAsync(db, id, cancellationToken);
        IssueCount = await db.ImportIssues.CountAsync(i => i.RunId == id, cancellationToken);
        Issues = await db.ImportIssues.AsNoTracking().Where(i => i.RunId == id).OrderBy(i => i.Id).Take(RunViews.ShownIssues).ToListAsync(cancellationToken);
        CertificateCount = await db.Certificates.CountAsync(c => c.RunId == id, cancellationToken);
        Log = RunLog.Lines(run, Clock);
        return Page();
    }

    public async Task<IActionResult> OnPostResumeAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        if (await RunViews.FindAsync(db, id, cancellationToken) is not { } run)
        {
            return NotFound();
        }

        Run = run;
        if (!CanResume)
        {
            Message = $"Run {id} is {run.State}; only failed or interrupted runs are resumed. 只有失败或中断的运行可以继续。";
            return RedirectToPage(new { id });
        }

        await queue.ResumeAsync(run, cancellationToken);
        Message = $"Run {id} resumes from the stage it stopped in, as soon as no other run is active. 运行 {id} 将从中断的阶段继续。";
        return RedirectToPage(new { id });
    }
}
