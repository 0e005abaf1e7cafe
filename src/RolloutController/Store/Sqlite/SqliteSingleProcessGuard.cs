using Microsoft.Extensions.Options;

namespace RolloutController.Store.Sqlite;

/// <summary>
/// Makes the SQLite store single-process: first thing at start-up, before the schema is touched, it takes the store's
/// <see cref="SqliteFileLock"/>, or stops the start with <see cref="SqliteStoreInUseException"/>. Without it a second
/// controller on the same file would start silently, run its own rounds from its own in-memory schedule and serve
/// weights that disagree with the first's until its next refresh. The lock is released when the host is disposed, after
/// the last round has finished writing. Does nothing for PostgreSQL or an in-memory database.
/// </summary>
internal sealed class SqliteSingleProcessGuard(IOptions<StoreOptions> options, ILogger<SqliteSingleProcessGuard> logger) : IHostedService, IDisposable
{
    private SqliteFileLock? _lock;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var store = options.Value;
        if (!StoreProviders.IsSqlite(store.Provider) || SqliteFileLock.DatabaseFile(store.EffectiveConnectionString) is not { } database)
            return Task.CompletedTask;
        // The host logs the failed start with this exception's message; rolloutctl serve prints it once more, alone.
        if (!SqliteFileLock.TryAcquire(database, out _lock, out var problem))
            throw new SqliteStoreInUseException(problem!);
        SqliteLockLog.Held(logger, _lock!.LockPath);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _lock?.Dispose();
}
