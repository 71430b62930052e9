using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BatchCycle.Dashboard.Accounts;

/// <summary>
/// A dashboard session is a sign-in cookie, and a cookie copied before signing out would otherwise stay valid
/// until it expires. So the cookie carries the account's security stamp and the time of sign-in, and every
/// request checks both against the database and the absolute lifetime: signing out, a new password, disabling
/// or removing the account, or <see cref="DashboardSettings.SessionAbsoluteHours"/> since sign-in end it.
/// </summary>
public static class Sessions
{
    public const string StampClaim = "batchcycle:stamp";

    public const string SignedInAtClaim = "batchcycle:signed-in-at";

    public static ClaimsPrincipal Principal(SignedInAccount account, DateTimeOffset signedInAt) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, account.UserName),
                new Claim(ClaimTypes.Role, DashboardApp.SecretariatRole),
                new Claim(StampClaim, account.SecurityStamp),
                new Claim(SignedInAtClaim, signedInAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme));

    public static Task SignInAsync(HttpContext context, SignedInAccount account) =>
        context.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            Principal(account, context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()));

    /// <summary>Ends every session of the signed-in account, this one included.</summary>
    public static async Task SignOutAsync(HttpContext context, DashboardOptions options)
    {
        if (context.User.Identity?.Name is { } name)
        {
            await UserAccounts.EndSessionsAsync(options.Database, name, context.RequestAborted);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>The cookie handler's <c>OnValidatePrincipal</c>: rejects and clears a cookie whose session has ended.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<DashboardOptions>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var principal = context.Principal;
        var name = principal?.Identity?.Name;
        var stamp = principal?.FindFirst(StampClaim)?.Value;
        var signedInAt = principal?.FindFirst(SignedInAtClaim)?.Value;
        var live = name is not null && stamp is not null
            && DateTimeOffset.TryParse(signedInAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && now - at < TimeSpan.FromHours(options.Dashboard.SessionAbsoluteHours)
            && await UserAccounts.StampOfAsync(options.Database, name, context.HttpContext.RequestAborted) == stamp;
        if (!live)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
