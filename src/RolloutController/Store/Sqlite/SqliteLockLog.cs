namespace RolloutController.Store.Sqlite;

internal static partial class SqliteLockLog
{
    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "SQLite store: this process holds {LockFile}; no other controller can use the store until it ends")]
    public static partial void Held(ILogger logger, string lockFile);
}
