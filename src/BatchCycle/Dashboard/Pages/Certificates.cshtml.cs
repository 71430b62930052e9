using BatchCycle.Certificates;
using BatchCycle.Reminders;
using BatchCycle.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Pages;

/// <summary>
/// The certificates the system issued, newest cycle first, with Revoke (guide 11.1, 11.2): a reason is required,
/// and the revocation records the signed-in user. The same revocation as <c>certificates revoke</c>.
/// </summary>
public sealed class CertificatesModel(BatchCycleDatabase database, DashboardClock clock) : PageModel
{
    /// <summary>The list is for finding a certificate to revoke, not an export: the latest ones are enough.</summary>
    public const int Shown = 500;

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public bool Failed { get; set; }

    public IReadOnlyList<CertificateRecord> Certificates { get; private set; } = [];

    public DateOnly Today => clock.Today;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        Certificates = await db.Certificates.AsNoTracking()
            .OrderByDescending(c => c.Year).ThenBy(c => c.LabelType).ThenBy(c => c.Sequence)
            .Take(Shown)
            .ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(string serial, string? reason, DateOnly? on, CancellationToken cancellationToken)
    {
        var request = new RevocationRequest(serial ?? "", reason ?? "", on ?? clock.Today, User.Identity!.Name!);
        var outcome = await Revocations.RevokeAsync(database, request, clock.Today, cancellationToken);
        Message = outcome.Message;
        Failed = outcome.Result is RevocationResult.Refused or RevocationResult.NotFound;
        return RedirectToPage();
    }
}
