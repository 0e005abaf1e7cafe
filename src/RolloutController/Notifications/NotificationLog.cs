using Microsoft.Extensions.Logging;

namespace RolloutController.Notifications;

internal static partial class NotificationLog
{

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error,
        Message = "Policy {Policy} names notification route '{Route}', which is not configured; notification {NotificationId} for {FlagKey} not sent there")]
    public static partial void UnknownRoute(ILogger logger, string policy, string route, string notificationId, string flagKey);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information,
        Message = "Notification {NotificationId} ({Kind} {FlagKey}) delivered to {Route}/{Channel} on attempt {Attempt}")]
    public static partial void Delivered(ILogger logger, string notificationId, string kind, string flagKey, string route, string channel, int attempt);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "Notification {NotificationId} to {Route}/{Channel} failed on attempt {Attempt} ({Error}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string notificationId, string route, string channel, int attempt, string? error, TimeSpan delay);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error,
        Message = "Notification {NotificationId} ({Kind} {FlagKey}) to {Route}/{Channel} abandoned after attempt {Attempt}: {Error}")]
    public static partial void Abandoned(ILogger logger, string notificationId, string kind, string flagKey, string route, string channel, int attempt, string? error);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error,
        Message = "Could not record notification attempt {Attempt} of {NotificationId} to {Route}/{Channel}")]
    public static partial void RecordFailed(ILogger logger, Exception exception, string notificationId, string route, string channel, int attempt);


    [LoggerMessage(EventId = 4007, Level = LogLevel.Error,
        Message = "Notification channel {Route}/{Channel} threw instead of returning a result")]
    public static partial void ChannelThrew(ILogger logger, Exception exception, string route, string channel);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error,
        Message = "Could not read or claim the notification outbox; trying again in {RetryIn}")]
    public static partial void OutboxFailed(ILogger logger, Exception exception, TimeSpan retryIn);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning,
        Message = "Notification {NotificationId} to {Route}/{Channel}: its claim lapsed before the attempt was recorded; it may be sent again (receivers de-duplicate on the id)")]
    public static partial void ClaimLost(ILogger logger, string notificationId, string route, string channel);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information,
        Message = "{Count} abandoned notification deliveries made pending again by {Actor}: {Reason}")]
    public static partial void RetriedByPerson(ILogger logger, int count, string actor, string reason);
}
