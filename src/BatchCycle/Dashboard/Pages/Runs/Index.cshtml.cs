using BatchCycle.Dashboard.Scheduling;
using BatchCycle.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Pages.Runs;

/// <summary>A tab of the runs page: runs of one state (or all), with how many there are.</summary>
public sealed record RunTab(string Label, string Href, int Count, bool Selected);

/// <summary>Runs by state, newest first, with the runs waiting in the job queue.</summary>
public sealed class RunsModel(BatchCycleDatabase database, DashboardClock clock) : PageModel
{
    private const int Shown = 100;

    public DashboardClock Clock { get; } = clock;

    [BindProperty(SupportsGet = true, Name = "state")]
    public string? Filter { get; set; }

    /// <summary>Only the runs of one schedule (its fires and its Trigger now): the schedule's history.</summary>
    [BindProperty(SupportsGet = true, Name = "schedule")]
    public string? Schedule { get; set; }

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<RunRecord> Runs { get; private set; } = [];

    public IReadOnlyList<RunRecord> Waiting { get; private set; } = [];

    public IReadOnlyList<RunTab> Tabs { get; private set; } = [];

    public IReadOnlyDictionary<long, BatchCycle.Dashboard.Runs.RunGlance> Glances { get; private set; } = new Dictionary<long, BatchCycle.Dashboard.Runs.RunGlance>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var counts = (await db.Runs.AsNoTracking().GroupBy(r => r.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(c => c.State, c => c.Count);
        var state = Enum.TryParse<RunState>(Filter, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (RunState?)null;
        Filter = state?.ToString();
        Waiting = await db.Runs.AsNoTracking().Where(r => r.State == RunState.Queued).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        Tabs =
        [
            new RunTab("全部 All", "/runs", counts.Values.Sum(), state is null),
            .. Enum.GetValues<RunState>().Select(s => new RunTab(StateLabels.Of(s.ToString()), "/runs?state=" + s, counts.GetValueOrDefault(s), state == s)),
        ];
        var query = db.Runs.AsNoTracking().Include(r => r.Stages).AsQueryable();
        if (state is { } selected)
        {
            query = query.Where(r => r.State == selected);
        }

        if (!string.IsNullOrWhiteSpace(Schedule))
        {
            var startedBy = RunQueue.ScheduleStartedBy(Schedule);
            query = query.Where(r => r.StartedBy == startedBy || r.StartedBy.EndsWith("(" + startedBy + ")"));
        }

        Runs = await query.OrderByDescending(r => r.Id).Take(Shown).ToListAsync(cancellationToken);
        Glances = await BatchCycle.Dashboard.Runs.RunGlance.OfAsync(db, Runs, cancellationToken);
    }
}
