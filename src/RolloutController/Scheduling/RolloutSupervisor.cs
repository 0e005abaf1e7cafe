using Quartz;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Store;
using RolloutController.Engine;
using RolloutController.PolicyFiles;

namespace RolloutController.Scheduling;

/// <summary>
/// Keeps rollouts and their Quartz jobs in line with the policies in force:
/// starts the rollout of every new policy, restores served weights from the store after a restart, and removes jobs
/// of policies that are gone. Reacts to every policy reload. (The schema is applied before, by the store's migration service.)
/// Marks the controller ready once the policies of the first directory load are scheduled, and only then starts the
/// scheduler, so that no round runs on this replica before its rollouts are restored.
/// </summary>
internal sealed class RolloutSupervisor(
    IPolicySource policies,
    PolicyRegistry registry,
    RolloutEngine engine,
    RolloutScheduler scheduler,
    ControllerReadiness readiness,
    TimeProvider time,
    ILogger<RolloutSupervisor> logger) : BackgroundService
{
    // How often to look again while the watcher has not read the policy directory yet: a first load that finds
    // nothing new (an empty or missing directory) raises no Changed event.
    private static readonly TimeSpan FirstLoadPoll = TimeSpan.FromMilliseconds(200);

    // How soon to try again to start or restore a rollout the store failed on (nothing else would retry a new one).
    internal static readonly TimeSpan StartRetryDelay = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly HashSet<string> _restored = new(StringComparer.Ordinal);

    // Whether the stored rollouts were read once (they are listed even when their policy is gone).
    private bool _knownLoaded;

    // The policy revision each rollout was last started, restored or served with by this process.
    private readonly Dictionary<string, string> _applied = new(StringComparer.Ordinal);

    // The policies in force at the last pass, to notice the ones that went away.
    private Dictionary<string, RolloutPolicy> _inForce = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        policies.Changed += Signal;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Read before the policies: a load that lands during this pass signals another pass anyway.
                var loaded = registry.LastLoadedAt is not null;
                var allStarted = await SynchronizeAsync(loaded, stoppingToken);
                // The watcher may not have read the directory yet: an empty set then is not "the policies are scheduled".
                if (loaded) readiness.MarkReady();
                var wait = !loaded ? FirstLoadPoll : allStarted ? Timeout.InfiniteTimeSpan : StartRetryDelay;
                await WaitForChangeAsync(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            policies.Changed -= Signal;
        }
    }

    private async Task WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            await _changed.WaitAsync(cancellationToken);
            return;
        }
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var changed = _changed.WaitAsync(both.Token);
        await Task.WhenAny(changed, Task.Delay(timeout, time, both.Token));
        // Cancelling the losing wait keeps it from taking a later signal.
        await both.CancelAsync();
        try { await changed; }
        catch (OperationCanceledException) { }
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void Signal(object? sender, EventArgs e)
    {
        // One pending signal is enough: the next synchronization reads the latest policies anyway.
        if (_changed.CurrentCount == 0)
        {
            try { _changed.Release(); } catch (SemaphoreFullException) { }
        }
    }

    /// <returns>False when a rollout could not be started or restored, or the rounds not scheduled (the store failed); the caller retries.</returns>
    private async Task<bool> SynchronizeAsync(bool loaded, CancellationToken cancellationToken)
    {
        var current = policies.Current;
        var allStarted = await StartOrRestoreAsync(current, cancellationToken);
        allStarted &= await RetireRemovedAsync(current, cancellationToken);
        // Before the directory is read the empty set is not "no policies": with a job store that replicas share and that
        // outlives restarts, scheduling it would delete the jobs of every rollout.
        if (!loaded) return allStarted;
        try
        {
            await scheduler.SynchronizeAsync(current, cancellationToken);
            // Rounds run on this replica only from now, once its rollouts are restored: a round before the restore would
            // credit the time the controller was down as hold.
            await scheduler.StartAsync(cancellationToken);
        }
        catch (SchedulerException ex)
        {
            SupervisorLog.ScheduleFailed(logger, ex, StartRetryDelay);
            return false;
        }
        SupervisorLog.Synchronized(logger, current.Count);
        return allStarted;
    }

    /// <summary>
    /// Starts or restores every rollout this process has not seen yet, and serves again those whose policy changed, all
    /// together (one read of the store, shared transactions, one publication of the served flags).
    /// </summary>
    private async Task<bool> StartOrRestoreAsync(IReadOnlyList<RolloutPolicy> current, CancellationToken cancellationToken)
    {
        var todo = current.Where(p => !_applied.TryGetValue(p.Flag.Key, out var revision) || revision != p.Revision).ToList();
        if (todo.Count == 0 && _knownLoaded) return true;
        // With another replica running the rounds the rollouts were watched all along: nothing to restore.
        var watched = todo.Any(p => !_restored.Contains(p.Flag.Key)) && await scheduler.AnotherReplicaAliveAsync(cancellationToken);
        // The first time this process sees a rollout it restores it: the time it was down does not count as hold.
        var rollouts = todo.Select(p => (p, !_restored.Contains(p.Flag.Key) && !watched)).ToList();
        try
        {
            if (!_knownLoaded)
            {
                await engine.LoadKnownAsync(cancellationToken);
                _knownLoaded = true;
            }
            await engine.EnsureStartedManyAsync(rollouts, cancellationToken);
        }
        catch (StoreException ex)
        {
            SupervisorLog.StartFailed(logger, ex, todo.Count, StartRetryDelay);
            return false;
        }
        foreach (var policy in todo)
        {
            _restored.Add(policy.Flag.Key);
            _applied[policy.Flag.Key] = policy.Revision;
        }
        return true;
    }

    /// <summary>
    /// A rollout whose policy is no longer in force cannot be measured, so it must not stay live: it is aborted to 0%
    /// (recorded, and on-call told). Finished rollouts keep serving what they ended at.
    /// </summary>
    private async Task<bool> RetireRemovedAsync(IReadOnlyList<RolloutPolicy> current, CancellationToken cancellationToken)
    {
        var next = current.ToDictionary(p => p.Flag.Key, StringComparer.Ordinal);
        var allRetired = true;
        foreach (var (flag, removed) in _inForce.Where(p => !next.ContainsKey(p.Key)))
        {
            try
            {
                await engine.RetireAsync(removed, cancellationToken);
            }
            catch (StoreException ex)
            {
                allRetired = false;
                next[flag] = removed; // noticed again at the retry
                SupervisorLog.RetireFailed(logger, ex, flag, StartRetryDelay);
            }
        }
        foreach (var flag in _applied.Keys.Where(f => !next.ContainsKey(f)).ToList()) _applied.Remove(flag);
        _inForce = next;
        return allRetired;
    }
}
