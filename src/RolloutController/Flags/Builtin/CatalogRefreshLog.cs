namespace RolloutController.Flags.Builtin;

internal static partial class CatalogRefreshLog
{
    [LoggerMessage(120, LogLevel.Warning, "Could not read the rollouts from the store to serve them; trying again in {RetryIn}")]
    public static partial void ReadFailed(ILogger logger, Exception exception, TimeSpan retryIn);
}
