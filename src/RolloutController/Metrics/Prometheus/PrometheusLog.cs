using Microsoft.Extensions.Logging;

namespace RolloutController.Metrics.Prometheus;

internal static partial class PrometheusLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Prometheus attempt {Attempt} failed ({Detail}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, int attempt, string? detail, TimeSpan delay);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Prometheus query {Query} failed ({Reason}): {Detail}")]
    public static partial void QueryFailed(ILogger logger, string query, string reason, string? detail);
}
