using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>
/// The one place where the job storage is chosen. With the embedded SQLite database it is a SQLite file of its own
/// in the data folder, beside (not inside) the product's database. With a PostgreSQL database it is that same
/// database, in a schema of its own (<c>hangfire</c>), so that every node's job server shares one queue: a job a
/// killed node was running is handed to another node's server once it has been silent for
/// <see cref="JobSettings.AbandonedAfterMinutes"/>. Either way the job scheduler manages its own tables, and the
/// product's migrations never meet them.
/// </summary>
public static class CycleJobStorage
{
    public const string FileName = "jobs.db";

    public const string PostgreSqlSchema = "hangfire";

    /// <summary>
    /// The lock against overlapping runs is renewed while its run lives (SQLite) or held for this long at most
    /// (PostgreSQL); one left by a killed process lapses after it, so the run's retry does not wait long for it.
    /// The pipeline's own run lock, not this one, is what keeps two runs apart.
    /// </summary>
    private static readonly TimeSpan LockLifetime = TimeSpan.FromSeconds(15);

    public static string PathIn(string dataFolder) => Path.Combine(dataFolder, FileName);

    public static JobStorage Create(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataFolder);
        var jobs = options.Dashboard.Jobs;
        if (options.Database.IsPostgreSql)
        {
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(options.Database.Location, new PostgreSqlStorageOptions()), new PostgreSqlStorageOptions
            {
                SchemaName = PostgreSqlSchema,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromMilliseconds(jobs.QueuePollMilliseconds),
                InvisibilityTimeout = TimeSpan.FromMinutes(jobs.AbandonedAfterMinutes),
                DistributedLockTimeout = LockLifetime,
            });
        }

        return new SQLiteStorage(PathIn(options.DataFolder), new SQLiteStorageOptions
        {
            QueuePollInterval = TimeSpan.FromMilliseconds(jobs.QueuePollMilliseconds),
            InvisibilityTimeout = TimeSpan.FromMinutes(jobs.AbandonedAfterMinutes),
            DistributedLockLifetime = LockLifetime,
        });
    }
}
