namespace RolloutController.Scheduling;

internal static partial class RoundLog
{
    [LoggerMessage(130, LogLevel.Warning, "Rollout {Flag}: round started {Lag} after it was due, more than its interval of {Interval}; the controller is not keeping up (rounds queued: {Queued})")]
    public static partial void Late(ILogger logger, string flag, TimeSpan lag, TimeSpan interval, int queued);

    [LoggerMessage(131, LogLevel.Information, "Rollout {Flag}: rounds on time again")]
    public static partial void OnTimeAgain(ILogger logger, string flag);

    [LoggerMessage(132, LogLevel.Error, "Rollout {Flag}: no round for {Overdue} beyond one interval of {Interval} (last measured {LastMeasured}); its guardrails are not being checked")]
    public static partial void Overdue(ILogger logger, string flag, TimeSpan overdue, TimeSpan interval, DateTimeOffset? lastMeasured);

    [LoggerMessage(133, LogLevel.Information, "Rollout {Flag}: measured again after being overdue")]
    public static partial void NoLongerOverdue(ILogger logger, string flag);

    [LoggerMessage(134, LogLevel.Error, "Rollout {Flag}: the round failed ({Cause}) and runs again at the next interval")]
    public static partial void Failed(ILogger logger, Exception exception, string flag, string cause);

    [LoggerMessage(135, LogLevel.Error, "Checking rounds for lateness failed unexpectedly; checking again at the next pass")]
    public static partial void CheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(136, LogLevel.Error, "{More} more rollouts fell behind and {Recovered} more caught up since the last check; {Late} are overdue now (rolloutctl list --late)")]
    public static partial void OverdueSummary(ILogger logger, int more, int recovered, int late);
}
