using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RolloutController.Store;
using RolloutController.Store.Migrations;
using RolloutController.Store.Sqlite;

namespace RolloutController.IntegrationTests.Store;

/// <summary>The store contract on SQLite: a database file in a temporary directory per test.</summary>
public sealed class SqliteRolloutStoreTests : RolloutStoreContractTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rollout-store-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(_directory, "rollouts.db")};Default Timeout=30";

    private protected override SqlRolloutStore CreateStore() => RolloutStoreFactory.Sqlite(ConnectionString, NullLogger.Instance);

    private protected override SqlRolloutStore CreateUnreachableStore() =>
        RolloutStoreFactory.Sqlite($"Data Source={Path.Combine(_directory, "missing", "dir", "x.db")}", NullLogger.Instance);

    private protected override async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private protected override Task MigrateOnlyAsync(IReadOnlyList<Migration> migrations) =>
        new SchemaMigrator(new SqliteConnectionSource(ConnectionString), new SqliteDialect(), migrations, NullLogger.Instance)
            .MigrateAsync(CancellationToken.None);

    private protected override string False => "0";

    private protected override string Time => "'2026-11-01T08:00:00.000000Z'";

    protected override Task CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    protected override Task DropDatabaseAsync()
    {
        using (var connection = new SqliteConnection(ConnectionString)) SqliteConnection.ClearPool(connection);
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_database_runs_in_wal_mode()
    {
        (await ScalarAsync("SELECT COUNT(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'")).ShouldBe(1);
    }
}
