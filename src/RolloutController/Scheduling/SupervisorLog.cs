namespace RolloutController.Scheduling;

internal static partial class SupervisorLog
{
    [LoggerMessage(100, LogLevel.Information, "Scheduling {Count} rollouts")]
    public static partial void Synchronized(ILogger logger, int count);

    [LoggerMessage(101, LogLevel.Error, "Could not start or restore the rollout of {Flag}; trying again in {Delay}")]
    public static partial void StartFailed(ILogger logger, Exception exception, string flag, TimeSpan delay);
}
