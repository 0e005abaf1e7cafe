using Microsoft.Extensions.Logging;

namespace RolloutController.EventStreams;

internal static partial class EventStreamLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning,
        Message = "{Stream} event stream refused a connection: the limit of {Limit} open connections is reached; logged once until one is accepted again")]
    public static partial void Full(ILogger logger, string stream, int limit);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning,
        Message = "{Stream} event stream dropped a client that took more than {WriteTimeout} to accept one write; it reconnects and refetches")]
    public static partial void DroppedSlow(ILogger logger, string stream, TimeSpan writeTimeout);
}
