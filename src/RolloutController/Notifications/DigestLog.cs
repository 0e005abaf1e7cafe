using Microsoft.Extensions.Logging;

namespace RolloutController.Notifications;

internal static partial class DigestLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Information,
        Message = "Digest {DigestId} to {Route}/{Channel}: {Count} held notices from {PeriodStart} to {PeriodEnd}")]
    public static partial void Made(ILogger logger, string digestId, string route, string channel, int count, DateTimeOffset periodStart, DateTimeOffset periodEnd);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Error,
        Message = "Could not make the notification digests due; trying again in {RetryIn} (the held notices stay held)")]
    public static partial void Failed(ILogger logger, Exception exception, TimeSpan retryIn);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Error,
        Message = "Held notice {NotificationId} to {Route}/{Channel} cannot be read ({Error}); it is abandoned, not put in a digest")]
    public static partial void Unreadable(ILogger logger, string notificationId, string route, string channel, string error);
}
