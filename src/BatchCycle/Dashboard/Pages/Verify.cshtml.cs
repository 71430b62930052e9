using BatchCycle.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BatchCycle.Dashboard.Pages;

/// <summary>The public page a certificate's QR code leads to; no sign-in, and only what the certificate itself states.</summary>
public sealed class VerifyModel(BatchCycleDatabase database, DashboardClock clock) : PageModel
{
    public VerifiedCertificate? Certificate { get; private set; }

    public string StatusText => Certificate?.Status switch
    {
        CertificateStatus.Valid => "有效 Valid",
        CertificateStatus.Expired => "已过期 Expired",
        CertificateStatus.Revoked => "已撤销 Revoked",
        _ => "",
    };

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        Certificate = await CertificateVerification.FindAsync(database, code, clock.Today, cancellationToken);
        if (Certificate is null)
        {
            // The page still explains itself; the status tells machines the code is unknown.
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
