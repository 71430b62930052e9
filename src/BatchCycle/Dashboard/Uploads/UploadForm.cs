using Microsoft.AspNetCore.Http;

namespace BatchCycle.Dashboard.Uploads;

/// <summary>
/// Reads an upload's form before anything else does, once the user is known to be signed in. The server stops
/// reading a form of more parts than <see cref="DashboardSettings.MaxUploadFiles"/> allows; left to the
/// anti-forgery check, that would be answered as an expired form. Here it becomes the plain "upload too large"
/// page, which states both limits.
/// </summary>
public static class UploadForm
{
    /// <summary>Room for the form's own fields (year, whether to run, the anti-forgery token) beside the files.</summary>
    public const int FieldAllowance = 16;

    public static async Task ReadFirstAsync(HttpContext context, Func<Task> next)
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Request.Path.StartsWithSegments(DashboardApp.UploadPath, StringComparison.OrdinalIgnoreCase)
            && context.Request.HasFormContentType)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
        }

        await next();
    }
}
