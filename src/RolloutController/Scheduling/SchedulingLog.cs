using Quartz;

namespace RolloutController.Scheduling;

internal static partial class SchedulingLog
{
    [LoggerMessage(110, LogLevel.Debug, "Rounds of {Flag} every {Interval}: trigger {Outcome}")]
    public static partial void IntervalScheduled(ILogger logger, string flag, TimeSpan interval, ScheduleOutcome outcome);

    [LoggerMessage(112, LogLevel.Information, "Rounds run on this replica from now: scheduler instance {InstanceId}, schedule {Schedule}")]
    public static partial void Started(ILogger logger, string instanceId, string schedule);

    [LoggerMessage(111, LogLevel.Warning, "Could not schedule the round at the end of the hold of {Flag}; the next round (within {Interval}) advances it instead")]
    public static partial void GateFailed(ILogger logger, Exception exception, string flag, TimeSpan interval);

    [LoggerMessage(113, LogLevel.Information, "Rounds scheduled: {Created} new, {Rescheduled} rescheduled for a new interval, {Kept} kept as they were")]
    public static partial void Scheduled(ILogger logger, int created, int rescheduled, int kept);
}
