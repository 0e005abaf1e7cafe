using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RolloutController.Store;
using RolloutController.Store.Migrations;
using RolloutController.Store.Postgres;
using RolloutController.TestUtilities.Postgres;

namespace RolloutController.IntegrationTests.Store;

/// <summary>The store contract on PostgreSQL: a database of its own per test on the shared test server.</summary>
public sealed class PostgresRolloutStoreTests : RolloutStoreContractTests
{
    private PostgresDatabase? _database;

    private string ConnectionString => _database!.ConnectionString;

    private protected override SqlRolloutStore CreateStore() => RolloutStoreFactory.Postgres(ConnectionString, NullLogger.Instance);

    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    private protected override SqlRolloutStore CreateUnreachableStore() =>
        RolloutStoreFactory.Postgres("Host=127.0.0.1;Port=1;Username=nobody;Timeout=3", NullLogger.Instance);

    private protected override async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private protected override async Task MigrateOnlyAsync(IReadOnlyList<Migration> migrations)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await new SchemaMigrator(dataSource, new PostgresDialect(), migrations, NullLogger.Instance).MigrateAsync(CancellationToken.None);
    }

    private protected override string False => "false";

    private protected override string Time => "'2026-11-01T08:00:00Z'";

    protected override async Task CreateDatabaseAsync() => _database = await PostgresDatabase.CreateAsync("store");

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_migrator_waits_for_the_one_holding_the_migration_lock()
    {
        await using var holder = new NpgsqlConnection(ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresDialect.MigrationLockKey})", holder, transaction))
            await lockCommand.ExecuteNonQueryAsync();

        var migrating = OpenStore().MigrateAsync(CancellationToken.None);
        await Task.WhenAny(migrating, Task.Delay(TimeSpan.FromMilliseconds(500)));
        migrating.IsCompleted.ShouldBeFalse("the migrator must wait for the lock");

        await transaction.CommitAsync();
        await migrating.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
