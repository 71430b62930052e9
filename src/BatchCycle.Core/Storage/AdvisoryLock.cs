using Npgsql;

namespace BatchCycle.Storage;

/// <summary>
/// PostgreSQL advisory locks, the cluster-wide locks of a database shared by several nodes. A session lock lives as
/// long as its connection (unpooled, so returning it to a pool cannot keep the lock), and the server ends the
/// session of a process that is killed, which releases the lock: no lock outlives its holder.
/// </summary>
public sealed class AdvisoryLock : IDisposable
{
    /// <summary>The high half of the keys of the product's named locks.</summary>
    public const int Namespace = 0x42434331;

    /// <summary>One run at a time on the whole cluster.</summary>
    public const int Runs = 1;

    /// <summary>Issuing serials (held for the issuing transaction only).</summary>
    public const int Serials = 2;

    /// <summary>Applying the migrations: two nodes starting at once apply them one after the other.</summary>
    public const int Migrations = 3;

    private readonly NpgsqlConnection connection;

    private AdvisoryLock(NpgsqlConnection connection) => this.connection = connection;

    /// <summary>Takes the session lock <paramref name="key"/> now, or returns null when another session holds it.</summary>
    public static async Task<AdvisoryLock?> TryTakeAsync(BatchCycleDatabase database, long key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = await OpenAsync(database, cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new AdvisoryLock(connection);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Takes the session lock <paramref name="key"/>, waiting for whoever holds it.</summary>
    public static AdvisoryLock Take(BatchCycleDatabase database, long key)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = OpenAsync(database, CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            command.ExecuteNonQuery();
            return new AdvisoryLock(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>True while some session holds the session lock <paramref name="key"/>.</summary>
    public static async Task<bool> IsHeldAsync(BatchCycleDatabase database, long key, CancellationToken cancellationToken)
    {
        using var probe = await TryTakeAsync(database, key, cancellationToken);
        return probe is null;
    }

    /// <summary>
    /// The key of one of the product's locks (<see cref="Runs"/>, <see cref="Serials"/>); zero and up, so that it
    /// never meets a key of <see cref="KeyOf"/>, which are negative.
    /// </summary>
    public static long Named(int id) => ((long)Namespace << 32) | (uint)id;

    /// <summary>A key for a random token (a sender's lease): 63 bits of it, negative.</summary>
    public static long KeyOf(string hexToken) =>
        long.MinValue | long.Parse(hexToken[..16], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>SQL that takes a named lock until the end of the current transaction (a crash rolls it back and frees it).</summary>
    public static string TransactionLockSql(int id) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({Named(id)})");

    public void Dispose() => connection.Dispose();

    private static async Task<NpgsqlConnection> OpenAsync(BatchCycleDatabase database, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.Location)
        {
            Pooling = false,
            // A node that vanishes without closing its connection (power, network) is found out by the keepalives.
            KeepAlive = 10,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
