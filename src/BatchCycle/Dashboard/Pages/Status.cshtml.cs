using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BatchCycle.Dashboard.Pages;

/// <summary>Plain messages for error statuses; never a stack trace. A failed POST is re-executed here as a POST, so
/// this page answers POST too, without a token: it changes nothing.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel(DashboardSettings settings) : PageModel
{
    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet() => Describe();

    /// <summary>Reads the code from the route only: binding a parameter would read the refused request's form.</summary>
    public void OnPost() => Describe();

    private void Describe()
    {
        (Heading, Explanation) = Convert.ToString(RouteData.Values["code"], System.Globalization.CultureInfo.InvariantCulture) switch
        {
            "400" => ("请求无效 Bad request", "The form was not accepted: it may have expired. Reload the page and try again. 表单已失效，请重新载入页面再试。"),
            "404" => ("找不到 Not found", "There is nothing at this address. 此地址没有内容。"),
            "413" => ("上传过大 Upload too large", $"An upload may hold at most {settings.MaxUploadFiles} files and {ByteSize.Format(settings.MaxUploadBytes)} in all. 每次上传最多 {settings.MaxUploadFiles} 个文件，总大小不得超过 {ByteSize.Format(settings.MaxUploadBytes)}。"),
            "429" => ("请稍后再试 Too many requests", "Too many attempts; try again later. 尝试次数过多，请稍后再试。"),
            _ => ("出错了 Something went wrong", "The dashboard could not complete the request; the details are in its log. 无法完成请求，详情见日志。"),
        };
    }
}
