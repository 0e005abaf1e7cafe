using Microsoft.Extensions.Logging;
using Npgsql;
using RolloutController.Store.Postgres;
using RolloutController.Store.Sqlite;

namespace RolloutController.Store;

/// <summary>Builds the store <see cref="StoreOptions.Provider"/> names. Options are validated before this runs.</summary>
internal static class RolloutStoreFactory
{
    public static SqlRolloutStore Create(StoreOptions options, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger<SqlRolloutStore>();
        return StoreProviders.IsPostgres(options.Provider) ? Postgres(options.EffectiveConnectionString, logger)
            : StoreProviders.IsSqlite(options.Provider) ? Sqlite(options.EffectiveConnectionString, logger)
            : throw new InvalidOperationException(
                $"{StoreOptions.SectionName}:Provider '{options.Provider}' is not supported; use one of: {string.Join(", ", StoreProviders.All)}.");
    }

    public static SqlRolloutStore Sqlite(string connectionString, ILogger logger)
    {
        StoreLog.StoreSelected(logger, "SQLite");
        return new SqlRolloutStore(new SqliteConnectionSource(connectionString), new SqliteDialect(), logger);
    }

    public static SqlRolloutStore Postgres(string connectionString, ILogger logger)
    {
        StoreLog.StoreSelected(logger, "PostgreSQL");
        return new SqlRolloutStore(NpgsqlDataSource.Create(connectionString), new PostgresDialect(), logger);
    }
}
