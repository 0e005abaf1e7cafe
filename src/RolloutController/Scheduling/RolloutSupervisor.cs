using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.Scheduling;

/// <summary>
/// Keeps rollouts and their Quartz jobs in line with the policies in force:
/// starts the rollout of every new policy, restores served weights from the store after a restart, and removes jobs
/// of policies that are gone. Reacts to every policy reload. (The schema is applied before, by the store's migration service.)
/// </summary>
internal sealed class RolloutSupervisor(
    IPolicySource policies,
    RolloutEngine engine,
    RolloutScheduler scheduler,
    ControllerReadiness readiness,
    ILogger<RolloutSupervisor> logger) : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly HashSet<string> _restored = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        policies.Changed += Signal;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await SynchronizeAsync(stoppingToken);
                readiness.MarkReady();
                await _changed.WaitAsync(stoppingToken);
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

    private void Signal(object? sender, EventArgs e)
    {
        // One pending signal is enough: the next synchronization reads the latest policies anyway.
        if (_changed.CurrentCount == 0)
        {
            try { _changed.Release(); } catch (SemaphoreFullException) { }
        }
    }

    private async Task SynchronizeAsync(CancellationToken cancellationToken)
    {
        var current = policies.Current;
        foreach (var policy in current)
        {
            try
            {
                // The first time this process sees a rollout it restores it: downtime does not count as hold.
                await engine.EnsureStartedAsync(policy, restoring: _restored.Add(policy.Flag.Key), cancellationToken);
            }
            catch (StoreException ex)
            {
                SupervisorLog.StartFailed(logger, ex, policy.Flag.Key);
            }
        }
        await scheduler.SynchronizeAsync(current, cancellationToken);
        SupervisorLog.Synchronized(logger, current.Count);
    }
}
