namespace RolloutController.Scheduling;

internal static partial class SupervisorLog
{
    [LoggerMessage(100, LogLevel.Information, "Scheduling {Count} rollouts")]
    public static partial void Synchronized(ILogger logger, int count);

    [LoggerMessage(101, LogLevel.Error, "Could not start or restore {Count} rollout(s); trying again in {Delay}")]
    public static partial void StartFailed(ILogger logger, Exception exception, int count, TimeSpan delay);

    [LoggerMessage(103, LogLevel.Error, "Could not stop the rollout of {Flag}, whose policy is no longer in force; trying again in {RetryIn}")]
    public static partial void RetireFailed(ILogger logger, Exception exception, string flag, TimeSpan retryIn);

    [LoggerMessage(104, LogLevel.Error, "Could not bring the schedule of the rounds in line with the policies; trying again in {RetryIn}")]
    public static partial void ScheduleFailed(ILogger logger, Exception exception, TimeSpan retryIn);
}
