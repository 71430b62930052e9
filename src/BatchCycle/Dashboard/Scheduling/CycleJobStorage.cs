using Hangfire;
using Hangfire.Storage.SQLite;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>
/// The one place where the job storage is chosen. The embedded default is a SQLite file of its own in the data
/// folder, beside (not inside) the product's database: the job scheduler manages its own tables, and the product's
/// migrations never meet them. Another storage (a database server shared by several nodes) is chosen here alone.
/// </summary>
public static class CycleJobStorage
{
    public const string FileName = "jobs.db";

    public static string PathIn(string dataFolder) => Path.Combine(dataFolder, FileName);

    public static JobStorage Create(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataFolder);
        var jobs = options.Dashboard.Jobs;
        return new SQLiteStorage(PathIn(options.DataFolder), new SQLiteStorageOptions
        {
            QueuePollInterval = TimeSpan.FromMilliseconds(jobs.QueuePollMilliseconds),
            InvisibilityTimeout = TimeSpan.FromMinutes(jobs.AbandonedAfterMinutes),
            // The lock against overlapping runs is renewed while its run lives; one left by a killed process
            // lapses after this, so the run's retry does not wait long for it.
            DistributedLockLifetime = TimeSpan.FromSeconds(15),
        });
    }
}
