using BatchCycle.Storage;
using BatchCycle.Dashboard.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BatchCycle.Dashboard.Pages;

/// <summary>Signs a secretariat user in; repeated failures lock the user name, and the address they came from, for a while.</summary>
public sealed class SignInModel(BatchCycleDatabase database, SignInThrottle throttle, DashboardClock clock) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.LockedUntil(UserName, address) is { } until)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Message = $"Too many failed sign-ins; try again after {clock.Format(until)}. 登录失败次数过多，请于 {clock.Format(until)} 后再试。";
            return Page();
        }

        var account = await UserAccounts.CheckAsync(database, UserName, Password, cancellationToken);
        if (account is null)
        {
            throttle.RecordFailure(UserName, address);
            Message = "Wrong user name or password. 用户名或密码错误。";
            return Page();
        }

        throttle.RecordSuccess(UserName);
        await Sessions.SignInAsync(HttpContext, account);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/runs");
    }
}
