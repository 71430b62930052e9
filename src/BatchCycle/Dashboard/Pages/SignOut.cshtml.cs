using BatchCycle.Dashboard.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BatchCycle.Dashboard.Pages;

/// <summary>
/// Signing out changes state, so it is a POST; the GET only shows the button. It ends the session on the
/// server (the account's security stamp changes), so a copy of the cookie is of no use afterwards.
/// </summary>
public sealed class SignOutModel(DashboardOptions options) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await Sessions.SignOutAsync(HttpContext, options);
        return Redirect("/signin");
    }
}
