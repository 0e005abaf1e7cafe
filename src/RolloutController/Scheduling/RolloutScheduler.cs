using Quartz;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Scheduling;

/// <summary>
/// Keeps one Quartz job per policy in force: a repeating trigger every analysis interval, at the rollout's own offset
/// within the interval (<see cref="RoundClock"/>), so rounds spread evenly instead of all firing at once; plus a one-shot
/// "gate" trigger at the exact end of the current hold so a stage advances on time rather than up to an interval late.
/// The job store may be persistent and shared by several replicas (PostgreSQL): what is scheduled is read from it in
/// batches, and every write is safe against a replica doing the same at the same moment.
/// </summary>
internal sealed class RolloutScheduler(ISchedulerFactory factory, TimeProvider time, ILogger<RolloutScheduler> logger)
{
    public const string Group = "rollouts";

    // The interval each flag's trigger was last seen or made to have, so a reload checks only what changed.
    private readonly Dictionary<string, TimeSpan> _scheduled = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sync = new(1, 1);

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
        await _sync.WaitAsync(cancellationToken);
        try
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            var toCheck = policies.Where(p => !_scheduled.TryGetValue(p.Flag.Key, out var interval) || interval != p.Analysis.Interval).ToList();
            if (toCheck.Count > 0) await EnsureScheduledAsync(scheduler, toCheck, cancellationToken);

            var wanted = policies.Select(p => p.Flag.Key).ToHashSet(StringComparer.Ordinal);
            var stored = await scheduler.QueryJobs(
                new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(Group), Take = PagedQuery.All }, cancellationToken);
            var stale = stored.Items.Select(j => j.Key).Where(k => !wanted.Contains(FlagOf(k))).ToList();
            if (stale.Count > 0) await scheduler.DeleteJobs(stale, cancellationToken);
            foreach (var flag in _scheduled.Keys.Where(f => !wanted.Contains(f)).ToList()) _scheduled.Remove(flag);
        }
        finally
        {
            _sync.Release();
        }
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
        var now = time.GetUtcNow();
        if (StageClock.HoldEndsAt(policy, state, now) is not { } end || end - now >= policy.Analysis.Interval) return;

        var gate = TriggerBuilder.Create(time)
            .WithIdentity(GateTriggerOf(policy.Flag.Key))
            .ForJob(JobOf(policy.Flag.Key))
            .StartAt(end)
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

    private async Task EnsureScheduledAsync(IScheduler scheduler, IReadOnlyList<RolloutPolicy> policies, CancellationToken cancellationToken)
    {
        // One round trip for every trigger there is to check, rather than one per policy.
        var existing = (await scheduler.GetTriggers(policies.Select(p => IntervalTriggerOf(p.Flag.Key)).ToList(), cancellationToken))
            .ToDictionary(t => t.Key);
        var missing = new List<RolloutPolicy>();
        var (kept, rescheduled) = (0, 0);
        foreach (var policy in policies)
        {
            var key = IntervalTriggerOf(policy.Flag.Key);
            if (!existing.TryGetValue(key, out var trigger)) missing.Add(policy);
            else if (trigger is ISimpleTrigger simple && simple.RepeatInterval == policy.Analysis.Interval)
            {
                _scheduled[policy.Flag.Key] = policy.Analysis.Interval;
                kept++;
            }
            else
            {
                await ScheduleOneAsync(scheduler, policy, TriggerConflict.Replace, cancellationToken);
                rescheduled++;
            }
        }
        if (missing.Count + rescheduled > 0) SchedulingLog.Scheduled(logger, missing.Count, rescheduled, kept);
        if (missing.Count == 0) return;
        try
        {
            // All new jobs and triggers in one store operation (one transaction on PostgreSQL).
            await scheduler.ScheduleJobs(
                missing.ToDictionary(Job, p => (IReadOnlyCollection<ITrigger>)[IntervalTrigger(p)]),
                new ScheduleJobOptions(), cancellationToken);
            foreach (var policy in missing)
            {
                _scheduled[policy.Flag.Key] = policy.Analysis.Interval;
                SchedulingLog.IntervalScheduled(logger, policy.Flag.Key, policy.Analysis.Interval, ScheduleOutcome.Created);
            }
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another replica stored some of them just now: none of the batch was stored; go one by one, keeping theirs.
            foreach (var policy in missing) await ScheduleOneAsync(scheduler, policy, TriggerConflict.Keep, cancellationToken);
        }
    }

    private async Task ScheduleOneAsync(IScheduler scheduler, RolloutPolicy policy, TriggerConflict conflict, CancellationToken cancellationToken)
    {
        try
        {
            await scheduler.AddJob(Job(policy), cancellationToken: cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Stored earlier, or by another replica just now: the job is the same whoever stored it.
        }
        // Keep: of replicas starting together the first one's schedule stands. Replace: a new interval counts from now.
        var outcome = await scheduler.ScheduleTrigger(IntervalTrigger(policy), conflict, cancellationToken);
        _scheduled[policy.Flag.Key] = policy.Analysis.Interval;
        if (outcome.Outcome != ScheduleOutcome.Kept)
            SchedulingLog.IntervalScheduled(logger, policy.Flag.Key, policy.Analysis.Interval, outcome.Outcome);
    }

    private static IJobDetail Job(RolloutPolicy policy) =>
        JobBuilder.Create<RolloutRoundJob>()
            .WithIdentity(JobOf(policy.Flag.Key))
            .WithDescription($"Measurement rounds of {policy.Flag.Key}")
            .UsingJobData(RolloutRoundJob.FlagKey, policy.Flag.Key)
            .StoreDurably()
            .Build();

    private static string FlagOf(JobKey job) => job.Name.StartsWith("rollout:", StringComparison.Ordinal) ? job.Name["rollout:".Length..] : job.Name;

    // The first round at the rollout's own offset within the interval, then every interval. A round that could not fire
    // on time (the scheduler was stopped or starved) fires as soon as it can and keeps the rollout's offset: the pipeline
    // records how late it was and merges a backlog of firings into one round.
    private ITrigger IntervalTrigger(RolloutPolicy policy) =>
        TriggerBuilder.Create(time)
            .WithIdentity(IntervalTriggerOf(policy.Flag.Key))
            .ForJob(JobOf(policy.Flag.Key))
            .StartAt(RoundClock.FirstDueAt(policy.Flag.Key, policy.Analysis.Interval, time.GetUtcNow()))
            .WithSimpleSchedule(s => s.WithInterval(policy.Analysis.Interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.IgnoreMisfires))
            .Build();
}
