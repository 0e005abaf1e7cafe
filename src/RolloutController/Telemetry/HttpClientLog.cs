namespace RolloutController.Telemetry;

internal static partial class HttpClientLog
{
    [LoggerMessage(EventId = 5300, Level = LogLevel.Debug, Message = "HTTP {Method} {Origin} answered {Status} after {ElapsedMs:0.#} ms")]
    public static partial void Answered(ILogger logger, string method, string origin, int status, double elapsedMs);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Debug, Message = "HTTP {Method} {Origin} failed after {ElapsedMs:0.#} ms: {Error}")]
    public static partial void Failed(ILogger logger, string method, string origin, double elapsedMs, string error);
}
