using Microsoft.Extensions.Options;
using RolloutController.Rollouts;
using RolloutController.Store;
using RolloutController.Telemetry;

namespace RolloutController.Flags.Builtin;

/// <summary>
/// Serves on this replica what the store holds. Each rollout's rounds run on one replica only (the clustered scheduler),
/// and a command changes the rollout on the replica that took it; every <see cref="StoreOptions.RefreshInterval"/> each
/// replica reads every rollout's stored state and applies it with the policy in force here, so all of them serve the
/// same weights at most one refresh interval (plus the read) after the change was stored. Rollouts without a policy in
/// force here are left to the supervisor. A failed read is logged and tried again at the next interval.
/// </summary>
internal sealed class CatalogRefreshService(
    IRolloutStore store,
    IPolicySource policies,
    IFlagBackend backend,
    ControllerMetrics telemetry,
    IOptions<StoreOptions> options,
    TimeProvider time,
    ILogger<CatalogRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RefreshInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(interval, time, stoppingToken);
                await RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Applies every stored rollout state whose policy is in force here. Never throws for a store failure.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<RolloutState> states;
        try
        {
            states = await store.ListAsync(cancellationToken);
        }
        catch (StoreException ex)
        {
            CatalogRefreshLog.ReadFailed(logger, ex, options.Value.RefreshInterval);
            return;
        }
        foreach (var state in states)
        {
            if (policies.Find(state.FlagKey) is not { } policy) continue;
            // The catalog keeps whichever is newer, this state or one a round or a command applied since it was read.
            await backend.ApplyAsync(policy, state, cancellationToken);
            telemetry.SetRollout(state.FlagKey, state.Phase.ToString(), (double)RolloutEngine.ServedWeight(state));
        }
    }
}
