using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using RolloutController.Store.Migrations;

namespace RolloutController.Store.Postgres;

/// <summary>
/// PostgreSQL: timestamptz, unconstrained numeric (exact decimals), jsonb streaks, migrations serialized by a
/// transaction-scoped advisory lock so that replicas starting together migrate one after the other.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>Advisory lock key of schema migrations ("RollCtl" in ASCII). Advisory locks are per database.</summary>
    public const long MigrationLockKey = 0x526F6C6C43746C;

    public override string Name => "PostgreSQL";

    public override string UtcNowSql => "now()";

    public override string SchemaMigrationsTableSql =>
        """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer     NOT NULL PRIMARY KEY,
            name       text        NOT NULL,
            applied_at timestamptz NOT NULL
        );
        """;

    public override string MigrationSql(Migration migration) => migration.Postgres;

    // SKIP LOCKED: replicas claiming at the same moment take different rows instead of waiting for each other.
    public override string ClaimOutboxSql { get; } =
        "UPDATE outbox o SET claimed_by = @owner, claimed_until = @until FROM (SELECT notification_id, route, channel FROM outbox " +
        "WHERE status = 'pending' AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until < @now) ORDER BY next_attempt_at LIMIT @limit FOR UPDATE SKIP LOCKED) due " +
        "WHERE o.notification_id = due.notification_id AND o.route = due.route AND o.channel = due.channel " +
        $"RETURNING {string.Join(", ", OutboxRow.Columns.Split(", ").Select(c => "o." + c))}";

    /// <summary>Advisory lock key of audit-log appends ("RollAud" in ASCII), held to the end of the appending transaction.</summary>
    public const long AuditLockKey = 0x526F6C6C417564;

    public override async Task LockAuditAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
        AddParameter(command, "key", AuditLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
            AddParameter(command, "key", MigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }


    public override void AddJsonParameter(DbCommand command, string name, string? json) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = (object?)json ?? DBNull.Value });

    protected override object ToDbTime(DateTimeOffset time) => time;

    protected override object ToDbDecimal(decimal value) => value;

    protected override object ToDbDouble(double value) => value;

    public override DateTimeOffset GetTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override decimal GetDecimal(DbDataReader reader, int ordinal) => reader.GetDecimal(ordinal);

    public override double GetDouble(DbDataReader reader, int ordinal) => reader.GetDouble(ordinal);
}
