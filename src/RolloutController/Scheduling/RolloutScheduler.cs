using Quartz;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Scheduling;

/// <summary>
/// Keeps one Quartz job per policy in force: a repeating trigger every analysis interval, plus a one-shot "gate"
/// trigger at the exact end of the current hold so a stage advances on time rather than up to an interval late.
/// </summary>
internal sealed class RolloutScheduler(ISchedulerFactory factory, TimeProvider time)
{
    private const string Group = "rollouts";

    // Jobs this instance created; only the synchronizer touches it, one reload at a time.
    private readonly HashSet<JobKey> _scheduled = [];

    public static JobKey JobOf(string flag) => new($"rollout:{flag}", Group);

    private static TriggerKey IntervalTriggerOf(string flag) => new($"interval:{flag}", Group);

    private static TriggerKey GateTriggerOf(string flag) => new($"gate:{flag}", Group);

    /// <summary>Creates or updates the job of every policy and removes jobs of policies no longer in force.</summary>
    public async Task SynchronizeAsync(IReadOnlyList<RolloutPolicy> policies, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var wanted = policies.ToDictionary(p => JobOf(p.Flag.Key));
        foreach (var (key, policy) in wanted)
        {
            var trigger = IntervalTrigger(policy);
            if (!await scheduler.Exists(key, cancellationToken))
            {
                var job = JobBuilder.Create<RolloutRoundJob>()
                    .WithIdentity(key)
                    .WithDescription($"Measurement rounds of {policy.Flag.Key}")
                    .UsingJobData(RolloutRoundJob.FlagKey, policy.Flag.Key)
                    .StoreDurably()
                    .Build();
                await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
            }
            else if (await scheduler.GetTrigger(trigger.Key, cancellationToken) is not ISimpleTrigger existing
                     || existing.RepeatInterval != policy.Analysis.Interval)
            {
                await scheduler.RescheduleJob(trigger.Key, trigger, cancellationToken);
            }
        }

        foreach (var stale in _scheduled.Where(k => !wanted.ContainsKey(k)).ToList())
        {
            await scheduler.DeleteJob(stale, cancellationToken);
            _scheduled.Remove(stale);
        }
        _scheduled.UnionWith(wanted.Keys);
    }

    /// <summary>Fires a round at the end of the current hold when that comes before the next interval round.</summary>
    public async Task ScheduleGateAsync(RolloutPolicy policy, RolloutState state, CancellationToken cancellationToken)
    {
        if (state.Phase != RolloutPhase.Observing) return;
        var remaining = RolloutDecider.HoldRemaining(policy, state, time.GetUtcNow());
        if (remaining <= TimeSpan.Zero || remaining >= policy.Analysis.Interval) return;

        var scheduler = await factory.GetScheduler(cancellationToken);
        var gate = TriggerBuilder.Create(time)
            .WithIdentity(GateTriggerOf(policy.Flag.Key))
            .ForJob(JobOf(policy.Flag.Key))
            .StartAt(time.GetUtcNow() + remaining)
            .Build();
        if (await scheduler.GetTrigger(gate.Key, cancellationToken) is not null)
            await scheduler.RescheduleJob(gate.Key, gate, cancellationToken);
        else
            await scheduler.ScheduleTrigger(gate, TriggerConflict.Replace, cancellationToken);
    }

    private ITrigger IntervalTrigger(RolloutPolicy policy) =>
        TriggerBuilder.Create(time)
            .WithIdentity(IntervalTriggerOf(policy.Flag.Key))
            .ForJob(JobOf(policy.Flag.Key))
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(policy.Analysis.Interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
}
