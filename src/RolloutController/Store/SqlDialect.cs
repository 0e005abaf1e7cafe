using System.Data.Common;
using RolloutController.Store.Migrations;

namespace RolloutController.Store;

/// <summary>
/// What differs between the databases the store runs on: column types and how values cross the driver, the
/// current-time expression, how migrations are serialized, and which driver errors mean what.
/// The SQL of <see cref="SqlRolloutStore"/> itself is shared.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>Human-readable database name used in error messages.</summary>
    public abstract string Name { get; }

    /// <summary>An SQL expression for the database's current UTC time, in the column type used for times.</summary>
    public abstract string UtcNowSql { get; }

    /// <summary>Creates the <c>schema_migrations</c> table when missing.</summary>
    public abstract string SchemaMigrationsTableSql { get; }

    public abstract string MigrationSql(Migration migration);

    /// <summary>
    /// Starts the transaction migrations run in, holding whatever lock keeps a second migrator (another replica)
    /// waiting until this one commits.
    /// </summary>
    public abstract Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Starts the transaction of a save: one writer at a time per row, never a lost update.</summary>
    public virtual async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);


    /// <summary>
    /// Within a write transaction about to append to the audit log, waits until no other transaction (another replica)
    /// appends, so each append reads the true last entry. SQLite's write transaction already excludes every other writer.
    /// </summary>
    public virtual Task LockAuditAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Claims up to <c>@limit</c> due outbox deliveries for <c>@owner</c> until <c>@until</c> (those pending, due by <c>@now</c>
    /// and not claimed by a live lease), oldest due first, and returns them (<see cref="OutboxRow.Columns"/>).
    /// </summary>
    public abstract string ClaimOutboxSql { get; }

    /// <summary>Adds a parameter, converting times, decimals and doubles to the dialect's column types.</summary>
    public void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            DateTimeOffset time => ToDbTime(StoredTime.Normalize(time)),
            decimal number => ToDbDecimal(number),
            double number => ToDbDouble(number),
            Enum member => member.ToString(),
            _ => value,
        };
        command.Parameters.Add(parameter);
    }

    /// <summary>Adds a parameter holding a JSON document; null is SQL NULL.</summary>
    public virtual void AddJsonParameter(DbCommand command, string name, string? json) => AddParameter(command, name, json);

    /// <param name="time">Already normalized: UTC, whole microseconds.</param>
    protected abstract object ToDbTime(DateTimeOffset time);

    protected abstract object ToDbDecimal(decimal value);

    protected abstract object ToDbDouble(double value);

    public abstract DateTimeOffset GetTime(DbDataReader reader, int ordinal);

    public abstract decimal GetDecimal(DbDataReader reader, int ordinal);

    public abstract double GetDouble(DbDataReader reader, int ordinal);
}
