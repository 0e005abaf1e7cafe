using Microsoft.Extensions.Options;
using RolloutController.Rollouts;
using RolloutController.Store;
using RolloutController.Telemetry;
using RolloutController.Engine;

namespace RolloutController.Flags.Builtin;

/// <summary>
/// Serves on this replica what the store holds. Each rollout's rounds run on one replica only (the clustered scheduler),
/// and a command changes the rollout on the replica that took it; every <see cref="StoreOptions.RefreshInterval"/> each
/// replica reads every rollout's stored state and applies it with the policy in force here, so all of them serve the
/// same weights at most one refresh interval (plus the read) after the change was stored; the flags' kill switches
/// likewise. Rollouts without a policy in force here are left to the supervisor. A failed read is logged and tried again at the next interval. On SQLite there
/// is one process (the store is locked to it), which made every change itself, so nothing is refreshed.
/// </summary>
internal sealed class CatalogRefreshService(
    IRolloutStore store,
    IPolicySource policies,
    IFlagBackend backend,
    KnownRollouts known,
    ControllerMetrics telemetry,
    IOptions<StoreOptions> options,
    TimeProvider time,
    ILogger<CatalogRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RefreshInterval;
        if (!StoreProviders.IsPostgres(options.Value.Provider)) return;
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
            // Kill switches another replica stored: served here from this refresh on (a switch-off not stored yet stays).
            backend.ApplySwitches(await store.ListSwitchesAsync(cancellationToken));
        }
        catch (StoreException ex)
        {
            CatalogRefreshLog.ReadFailed(logger, ex, options.Value.RefreshInterval);
            return;
        }
        await ApplyAsync(states, cancellationToken);
    }

    /// <summary>
    /// Reads the stored state of <paramref name="flagKeys"/> (a change another replica announced) and serves it. Never
    /// throws for a store failure: it is logged and the next refresh covers it.
    /// </summary>
    public async Task RefreshFlagsAsync(IReadOnlyCollection<string> flagKeys, CancellationToken cancellationToken)
    {
        var states = new List<RolloutState>(flagKeys.Count);
        try
        {
            foreach (var key in flagKeys)
                if (await store.GetAsync(key, cancellationToken) is { } state) states.Add(state);
        }
        catch (StoreException ex)
        {
            CatalogRefreshLog.ReadFailed(logger, ex, options.Value.RefreshInterval);
            return;
        }
        await ApplyAsync(states, cancellationToken);
    }

    private async Task ApplyAsync(IReadOnlyList<RolloutState> states, CancellationToken cancellationToken)
    {
        var byFlag = policies.Current.ToDictionary(p => p.Flag.Key, StringComparer.Ordinal);
        var served = new List<(Policies.RolloutPolicy, RolloutState)>(states.Count);
        foreach (var state in states)
        {
            if (!byFlag.TryGetValue(state.FlagKey, out var policy)) continue;
            // Both keep whichever is newer, this state or one a round or a command applied since it was read.
            known.Update(state);
            served.Add((policy, known.Find(state.FlagKey) ?? state));
        }
        await backend.ApplyManyAsync(served, cancellationToken);
        foreach (var (policy, state) in served) telemetry.SetRollout(state.FlagKey, state.Phase.ToString(), (double)state.AsServed(policy).ServedWeight);
    }
}
