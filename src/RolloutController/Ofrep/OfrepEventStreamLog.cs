using Microsoft.Extensions.Logging;

namespace RolloutController.Ofrep;

internal static partial class OfrepEventStreamLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning,
        Message = "OFREP event stream refused a connection: {Open} open, the limit (Ofrep:EventStream:MaxConnections) is {Limit}; logged once until one is accepted again")]
    public static partial void Full(ILogger logger, int open, int limit);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning,
        Message = "OFREP event stream dropped a client that took more than {WriteTimeout} to accept one write; it reconnects and refetches")]
    public static partial void DroppedSlow(ILogger logger, TimeSpan writeTimeout);
}
