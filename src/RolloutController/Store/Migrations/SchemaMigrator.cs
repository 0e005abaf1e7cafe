using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace RolloutController.Store.Migrations;

/// <summary>
/// Brings a database to the latest schema in one transaction: creates <c>schema_migrations</c>, applies every
/// migration not recorded there, records it. The dialect's migration lock makes concurrent migrators wait, so the
/// second one finds nothing left to do.
/// </summary>
internal sealed class SchemaMigrator(DbDataSource dataSource, SqlDialect dialect, IReadOnlyList<Migration> migrations, ILogger logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await dialect.BeginMigrationAsync(connection, cancellationToken);
        await StoreCommands.ExecuteAsync(connection, transaction, dialect.SchemaMigrationsTableSql, _ => { }, cancellationToken);
        var applied = await AppliedVersionsAsync(connection, transaction, cancellationToken);

        foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            await StoreCommands.ExecuteAsync(connection, transaction, dialect.MigrationSql(migration), _ => { }, cancellationToken);
            await StoreCommands.ExecuteAsync(connection, transaction,
                $"INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, {dialect.UtcNowSql})",
                command =>
                {
                    dialect.AddParameter(command, "version", migration.Version);
                    dialect.AddParameter(command, "name", migration.Name);
                },
                cancellationToken);
            StoreLog.MigrationApplied(logger, dialect.Name, migration.Version, migration.Name);
        }

        var latest = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        if (applied.Count > 0 && applied.Max() > latest)
            StoreLog.SchemaNewerThanBuild(logger, dialect.Name, applied.Max(), latest);

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(
        DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM schema_migrations";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken)) versions.Add(reader.GetInt32(0));
        return versions;
    }
}
