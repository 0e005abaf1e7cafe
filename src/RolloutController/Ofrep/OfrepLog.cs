using Microsoft.Extensions.Logging;

namespace RolloutController.Ofrep;

internal static partial class OfrepLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Error, Message = "OFREP evaluation of {Path} failed")]
    public static partial void EvaluationFailed(ILogger logger, Exception exception, string path);
}
