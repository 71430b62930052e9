using System.Globalization;
using Hangfire;
using Hangfire.Dashboard;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>
/// A section on the job dashboard's job page that links the job back to its run's page. The library keeps its
/// page sections for the whole process, so the section is added once, by the static constructor; it reads only the
/// job's own run id parameter.
/// </summary>
public static class RunLinkRenderer
{
    static RunLinkRenderer() => GlobalConfiguration.Configuration.UseJobDetailsRenderer(10, Render);

    /// <summary>Makes sure the section was added (the static constructor has run).</summary>
    public static void Register()
    {
    }

    private static NonEscapedString? Render(JobDetailsRendererDto dto) =>
        dto.JobDetails?.Properties is { } properties
            && properties.TryGetValue(CycleRunJob.RunIdParameter, out var value)
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var runId)
            ? new NonEscapedString(string.Create(CultureInfo.InvariantCulture, $"<h3>运行 Run</h3><p><a href=\"/runs/{runId}\" data-run-link>运行 Run #{runId} — stages, counts, log and files 阶段、计数、日志与文件</a></p>"))
            : null;
}
