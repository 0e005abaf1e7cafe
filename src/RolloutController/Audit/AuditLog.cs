namespace RolloutController.Audit;

internal static partial class AuditLog
{
    [LoggerMessage(EventId = 5700, Level = LogLevel.Error,
        Message = "Audit entry '{Action}' of {Subject} by '{Actor}' could not be appended: {Error}")]
    public static partial void AppendFailed(ILogger logger, string action, string subject, string actor, string error);

    [LoggerMessage(EventId = 5701, Level = LogLevel.Error,
        Message = "Audit log verification failed at entry {Seq}: {Problem}")]
    public static partial void ChainBroken(ILogger logger, long seq, string problem);
}
