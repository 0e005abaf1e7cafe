using Quartz;
using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.Scheduling;

/// <summary>
/// One measurement round of one rollout, fired by Quartz every analysis interval and once more at the hold's end.
/// A failing round is logged and counted; the next one runs at the next interval. It never advances on its own failure.
/// Rounds of one rollout never overlap: on the clustered PostgreSQL job store the job's other triggers stay blocked in the
/// database while a round runs on any replica, so this holds across replicas too.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class RolloutRoundJob(IPolicySource policies, RolloutEngine engine, RolloutScheduler scheduler, ILogger<RolloutRoundJob> logger) : IJob
{
    public const string FlagKey = "flag";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var flag = context.MergedJobDataMap.GetString(FlagKey) ?? "";
        var policy = policies.Find(flag);
        if (policy is null) return;
        try
        {
            var state = await engine.TickAsync(policy, cancellationToken);
            if (state is not null) await scheduler.ScheduleGateAsync(policy, state, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            EngineLog.Conflict(logger, flag);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever failed (the store, a policy removed mid-round, a bug), the worker keeps running: the round is
            // logged as failed, nothing was acted on, and the next interval tries again.
            EngineLog.TickFailed(logger, ex, flag);
        }
    }
}
