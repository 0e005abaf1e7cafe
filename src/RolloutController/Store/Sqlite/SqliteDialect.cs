using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using RolloutController.Store.Migrations;

namespace RolloutController.Store.Sqlite;

/// <summary>
/// SQLite: times as fixed-width ISO-8601 UTC text (so text order is time order), decimals and doubles as
/// invariant text (exact, and NaN/Infinity survive), migrations serialized by <c>BEGIN IMMEDIATE</c>.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public override string Name => "SQLite";

    public override string UtcNowSql => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    public override string SchemaMigrationsTableSql =>
        """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL
        );
        """;

    public override string MigrationSql(Migration migration) => migration.Sqlite;

    // One process writes the file (it is locked to it), so a plain update is a claim.
    public override string ClaimOutboxSql { get; } =
        "UPDATE outbox SET claimed_by = @owner, claimed_until = @until WHERE rowid IN (SELECT rowid FROM outbox WHERE status = 'pending' AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until < @now) " +
        $"ORDER BY next_attempt_at LIMIT @limit) RETURNING {OutboxRow.Columns}";

    // Microsoft.Data.Sqlite issues BEGIN IMMEDIATE for a non-deferred transaction: the write lock is taken up front,
    // so a concurrent migrator or writer waits (busy timeout) instead of failing half-way.
    public override Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        BeginMigrationAsync(connection, cancellationToken);


    protected override object ToDbTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    protected override object ToDbDecimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    protected override object ToDbDouble(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public override DateTimeOffset GetTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(
            reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override decimal GetDecimal(DbDataReader reader, int ordinal) =>
        decimal.Parse(reader.GetString(ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);

    public override double GetDouble(DbDataReader reader, int ordinal) =>
        double.Parse(reader.GetString(ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
}
