using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BatchCycle.Storage;

/// <summary>
/// Adds the new rows of one entity (tens of thousands: a region's certificates, notices or reminders) inside the
/// context's open transaction, with the values EF Core would store. On SQLite they go through
/// <see cref="TableInsert"/>'s one prepared INSERT rather than EF Core's change tracker, which spent most of a
/// stage's database time tracking and batching rows nobody reads back (a CPU profile of a whole-region run). On
/// PostgreSQL they are added to the context and saved: its COPY has no form for a <c>date</c> column, and EF Core
/// batches well there.
/// </summary>
public static class NewRows
{
    /// <summary>
    /// Inserts <paramref name="rows"/> in their order, so the database numbers them as EF Core did. Their generated
    /// keys are not read back: callers use the rows' values, never the key.
    /// </summary>
    public static async Task AddAsync<T>(BatchCycleDb db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        if (db.Database.ProviderName == ProviderSql.PostgreSqlProvider)
        {
            db.Set<T>().AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model.");
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).Select(Column.Of).ToList();
        var table = entity.GetTableName()!;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);

        // Null when the caller began its transaction in SQL (BEGIN IMMEDIATE): the connection then runs every command in it.
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await using var insert = await TableInsert.StartAsync(connection, transaction!, table, [.. columns.Select(c => c.Name)], cancellationToken);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            insert.Add([.. columns.Select(c => c.Value(row))]);
        }

        await insert.CompleteAsync(cancellationToken);
    }

    /// <summary>A mapped column: its name and its value as the provider stores it (an enum mapped to text as its name).</summary>
    private sealed record Column(string Name, IClrPropertyGetter Getter, Func<object?, object?>? ToProvider)
    {
        public static Column Of(IProperty property) => new(
            property.GetColumnName(),
            property.GetGetter(),
            (property.GetValueConverter() ?? property.GetTypeMapping().Converter)?.ConvertToProvider);

        public object? Value(object row)
        {
            var value = Getter.GetClrValueUsingContainingEntity(row);
            return ToProvider is null || value is null ? value : ToProvider(value);
        }
    }
}
