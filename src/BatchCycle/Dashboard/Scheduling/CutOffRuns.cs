using System.Globalization;
using BatchCycle.Storage;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>
/// Runs whose process was killed: their job still says Processing, on a server that is gone. At start-up each is
/// queued again (counted like an automatic retry, within the same bound) and resumes its run from the stage it was in.
/// A server is known gone when it ran on this machine and its process no longer exists; a job of another machine's
/// server is left to the storage, which hands it out again once it has been silent long enough.
/// </summary>
public static class CutOffRuns
{
    /// <summary>The job parameter the library's automatic retry counts in; a take-up counts there too.</summary>
    private const string RetryCount = "RetryCount";

    public static void TakeUp(DashboardOptions options, JobStorage storage, IBackgroundJobClient jobs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(jobs);
        List<string> jobIds;
        using (var db = options.Database.Open())
        {
            jobIds = [.. db.Runs.AsNoTracking()
                .Where(r => (r.State == RunState.Interrupted || r.State == RunState.Queued) && r.JobId != null)
                .Select(r => r.JobId!)];
        }

        using var connection = storage.GetConnection();
        foreach (var jobId in jobIds.Where(id => connection.GetStateData(id) is { } state && state.Name == ProcessingState.StateName && ServerGone(state.Data)))
        {
            var attempts = int.TryParse(connection.GetJobParameter(jobId, RetryCount), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            if (attempts < options.Dashboard.Jobs.RetryAttempts)
            {
                connection.SetJobParameter(jobId, RetryCount, (attempts + 1).ToString(CultureInfo.InvariantCulture));
                jobs.ChangeState(jobId, new EnqueuedState { Reason = "The process running it stopped; resumed at start-up. 进程中止后于启动时继续。" }, ProcessingState.StateName);
            }
            else
            {
                jobs.ChangeState(jobId, new FailedState(new RunFailedException($"The run was cut off {attempts + 1} times; resume it from its page. 运行多次中断。")), ProcessingState.StateName);
            }
        }
    }

    /// <summary>A server's id is its name (this machine's, see <see cref="CycleScheduling"/>), its process id and a number.</summary>
    private static bool ServerGone(IDictionary<string, string> processing)
    {
        var server = processing.TryGetValue("ServerId", out var id) ? id.Split(':') : [];
        var prefix = CycleScheduling.ServerNamePrefix();
        if (server.Length < 2 || !server[0].StartsWith(prefix, StringComparison.Ordinal)
            || !int.TryParse(server[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited || pid == Environment.ProcessId;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
