using Quartz;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Scheduling;

/// <summary>
/// Keeps one Quartz job per policy in force: a repeating trigger every analysis interval, plus a one-shot "gate"
/// trigger at the exact end of the current hold so a stage advances on time rather than up to an interval late.
/// The job store may be persistent and shared by several replicas (PostgreSQL): what is scheduled is always read from
/// it, never remembered, and every write is safe against a replica doing the same at the same moment.
/// </summary>
internal sealed class RolloutScheduler(ISchedulerFactory factory, TimeProvider time, ILogger<RolloutScheduler> logger)
{
    public const string Group = "rollouts";

    public static JobKey JobOf(string flag) => new($"rollout:{flag}", Group);

    public static TriggerKey IntervalTriggerOf(string flag) => new($"interval:{flag}", Group);

    public static TriggerKey GateTriggerOf(string flag) => new($"gate:{flag}", Group);

    /// <summary>
    /// Creates the job of every policy that has none, reschedules a job whose analysis interval changed (an unchanged one
    /// keeps its schedule, across restarts too), and deletes the jobs of policies no longer in force.
    /// </summary>
    /// <exception cref="SchedulerException">The job store failed (e.g. the database is unreachable).</exception>
    public async Task SynchronizeAsync(IReadOnlyList<RolloutPolicy> policies, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        foreach (var policy in policies) await EnsureScheduledAsync(scheduler, policy, cancellationToken);

        var wanted = policies.Select(p => JobOf(p.Flag.Key)).ToHashSet();
        var stored = await scheduler.QueryJobs(
            new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(Group), Take = PagedQuery.All }, cancellationToken);
        var stale = stored.Items.Select(j => j.Key).Where(k => !wanted.Contains(k)).ToList();
        if (stale.Count > 0) await scheduler.DeleteJobs(stale, cancellationToken);
    }

    /// <summary>Lets rounds run on this replica. Call once the rollouts are restored; calling again does nothing.</summary>
    /// <exception cref="SchedulerException">The job store failed.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        if (await scheduler.GetStatus(cancellationToken) == SchedulerStatus.Running) return;
        await scheduler.Start(cancellationToken);
        var clustered = (await scheduler.GetMetadata(cancellationToken)).JobStoreClustered;
        SchedulingLog.Started(logger, await scheduler.GetSchedulerInstanceId(cancellationToken),
            clustered ? "shared with the other replicas in the database" : "kept in memory");
    }

    /// <summary>
    /// Whether another replica of the cluster checked in on time, i.e. has been running rounds: rollouts were watched
    /// while this one was down. Always false on the in-memory store (a single replica) and when the store cannot say.
    /// </summary>
    public async Task<bool> AnotherReplicaAliveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            var nodes = await scheduler.QueryClusterNodes(cancellationToken);
            return nodes.Any(n => !n.IsCurrentNode && n.State == ClusterNodeState.Alive);
        }
        catch (SchedulerException)
        {
            return false;
        }
    }

    /// <summary>
    /// Fires a round at the end of the current hold when that comes before the next interval round. Never throws for a
    /// job store failure: it is logged, and the next interval round notices the hold's end instead.
    /// </summary>
    public async Task ScheduleGateAsync(RolloutPolicy policy, RolloutState state, CancellationToken cancellationToken)
    {
        if (state.Phase != RolloutPhase.Observing) return;
        var remaining = RolloutDecider.HoldRemaining(policy, state, time.GetUtcNow());
        if (remaining <= TimeSpan.Zero || remaining >= policy.Analysis.Interval) return;

        var gate = TriggerBuilder.Create(time)
            .WithIdentity(GateTriggerOf(policy.Flag.Key))
            .ForJob(JobOf(policy.Flag.Key))
            .StartAt(time.GetUtcNow() + remaining)
            .Build();
        try
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            // One atomic store operation: a gate already pending (scheduled by a command, or an earlier round) is replaced.
            await scheduler.ScheduleTrigger(gate, TriggerConflict.Replace, cancellationToken);
        }
        catch (SchedulerException ex)
        {
            SchedulingLog.GateFailed(logger, ex, policy.Flag.Key, policy.Analysis.Interval);
        }
    }

    private async Task EnsureScheduledAsync(IScheduler scheduler, RolloutPolicy policy, CancellationToken cancellationToken)
    {
        var trigger = IntervalTrigger(policy);
        var existing = await scheduler.GetTrigger(trigger.Key, cancellationToken);
        if (existing is ISimpleTrigger simple && simple.RepeatInterval == policy.Analysis.Interval) return;

        var job = JobBuilder.Create<RolloutRoundJob>()
            .WithIdentity(JobOf(policy.Flag.Key))
            .WithDescription($"Measurement rounds of {policy.Flag.Key}")
            .UsingJobData(RolloutRoundJob.FlagKey, policy.Flag.Key)
            .StoreDurably()
            .Build();
        try
        {
            await scheduler.AddJob(job, cancellationToken: cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Stored earlier, or by another replica just now: the job is the same whoever stored it.
        }

        // No trigger yet: Keep, so that of replicas starting together the first one's schedule stands and the others
        // change nothing. A different interval: Replace, and the new interval counts from now.
        var conflict = existing is null ? TriggerConflict.Keep : TriggerConflict.Replace;
        var outcome = await scheduler.ScheduleTrigger(trigger, conflict, cancellationToken);
        if (outcome.Outcome != ScheduleOutcome.Kept)
            SchedulingLog.IntervalScheduled(logger, policy.Flag.Key, policy.Analysis.Interval, outcome.Outcome);
    }

    private ITrigger IntervalTrigger(RolloutPolicy policy) =>
        TriggerBuilder.Create(time)
            .WithIdentity(IntervalTriggerOf(policy.Flag.Key))
            .ForJob(JobOf(policy.Flag.Key))
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(policy.Analysis.Interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
}
