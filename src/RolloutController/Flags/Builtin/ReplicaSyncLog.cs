namespace RolloutController.Flags.Builtin;

internal static partial class ReplicaSyncLog
{
    [LoggerMessage(4400, LogLevel.Information, "Listening on PostgreSQL channel {Channel}: changes stored by any replica are served here at once")]
    public static partial void Listening(ILogger logger, string channel);

    [LoggerMessage(4401, LogLevel.Warning, "Lost the PostgreSQL LISTEN connection; reconnecting in {RetryIn}. Until then the refresh every {RefreshInterval} keeps this replica in step")]
    public static partial void Lost(ILogger logger, Exception exception, TimeSpan retryIn, TimeSpan refreshInterval);

    [LoggerMessage(4402, LogLevel.Information, "PostgreSQL LISTEN restored after {Outage}; every rollout was read again to cover the gap")]
    public static partial void Restored(ILogger logger, TimeSpan outage);

    [LoggerMessage(4403, LogLevel.Warning, "Could not tell the other replicas of a policy reload; they pick it up from their own policy directory")]
    public static partial void AnnounceFailed(ILogger logger, Exception exception);

    [LoggerMessage(4404, LogLevel.Warning, "A change notification could not be applied; the refresh every {RefreshInterval} covers it")]
    public static partial void ApplyFailed(ILogger logger, Exception exception, TimeSpan refreshInterval);
}
