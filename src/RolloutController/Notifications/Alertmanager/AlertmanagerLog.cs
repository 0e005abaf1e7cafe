using Microsoft.Extensions.Logging;

namespace RolloutController.Notifications.Alertmanager;

internal static partial class AlertmanagerLog
{
    [LoggerMessage(EventId = 4700, Level = LogLevel.Warning,
        Message = "Could not re-post {Count} firing alert(s) of {FlagKey} to Alertmanager {Route}/{Channel} ({Error}); trying again in {RetryIn}")]
    public static partial void RepostFailed(ILogger logger, int count, string flagKey, string route, string channel, string? error, TimeSpan retryIn);

    [LoggerMessage(EventId = 4701, Level = LogLevel.Error,
        Message = "Could not read the open incidents' alerts from the store; re-posting again in {RetryIn}")]
    public static partial void StoreFailed(ILogger logger, Exception exception, TimeSpan retryIn);

    [LoggerMessage(EventId = 4702, Level = LogLevel.Debug,
        Message = "Re-posted {Count} firing alert(s) of {FlagKey} to Alertmanager {Route}/{Channel}")]
    public static partial void Reposted(ILogger logger, int count, string flagKey, string route, string channel);

    [LoggerMessage(EventId = 4703, Level = LogLevel.Information,
        Message = "Alerts of {FlagKey} ended while being re-posted; posted {Count} of them to Alertmanager {Route}/{Channel} again as ended")]
    public static partial void EndedMeanwhile(ILogger logger, string flagKey, int count, string route, string channel);

    [LoggerMessage(EventId = 4704, Level = LogLevel.Warning,
        Message = "Incident alerts of {FlagKey} were sent to {Route}/{Channel}, which is no longer an Alertmanager channel; not re-posted")]
    public static partial void ChannelGone(ILogger logger, string flagKey, string route, string channel);
}
