using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BatchCycle.Dashboard.Pages;

/// <summary>The runs are the dashboard's home.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/runs");
}
