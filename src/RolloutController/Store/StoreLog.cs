using Microsoft.Extensions.Logging;

namespace RolloutController.Store;

internal static partial class StoreLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "{Database} store: applied schema migration {Version} ({Name})")]
    public static partial void MigrationApplied(ILogger logger, string database, int version, string name);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "{Database} store: the schema is at version {DatabaseVersion}, newer than this build knows ({BuildVersion}); running anyway")]
    public static partial void SchemaNewerThanBuild(ILogger logger, string database, int databaseVersion, int buildVersion);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Rollout store: {Database}")]
    public static partial void StoreSelected(ILogger logger, string database);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Rollout store: deleted {Count} measurements and notification attempts older than {Retention}")]
    public static partial void Pruned(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Rollout store: pruning old measurements failed; trying again in {RetryIn}")]
    public static partial void PruneFailed(ILogger logger, Exception exception, TimeSpan retryIn);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Error, Message = "Rollout store: {Operation} failed; the store is unreachable until a call succeeds (safety moves are served at once and kept in the journal meanwhile)")]
    public static partial void Failing(ILogger logger, Exception exception, string operation);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information, Message = "Rollout store: answering again after {Outage}")]
    public static partial void Recovered(ILogger logger, TimeSpan outage);
}
