using Quartz;

namespace RolloutController.Scheduling;

/// <summary>
/// Fired by Quartz every analysis interval of a rollout (and once more at a hold's end): hands the round to the
/// <see cref="RoundPipeline"/> with the time it was due, and returns at once. A Quartz thread is never held while a round
/// waits on Prometheus or the store.
/// </summary>
/// <remarks>
/// Without <c>[DisallowConcurrentExecution]</c>: the job takes microseconds, so blocking a rollout's other triggers while
/// it runs would protect nothing. Rounds of one rollout never overlap on a replica (the pipeline keeps at most one running
/// per rollout), and across replicas a round whose rollout changed meanwhile is not saved (the store's version check).
/// </remarks>
internal sealed class RolloutRoundJob(RoundPipeline pipeline) : IJob
{
    public const string FlagKey = "flag";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var flag = context.MergedJobDataMap.GetString(FlagKey) ?? "";
        pipeline.Enqueue(flag, context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
        return ValueTask.CompletedTask;
    }
}
