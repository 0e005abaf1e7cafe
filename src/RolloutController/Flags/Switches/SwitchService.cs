using Microsoft.Extensions.Options;
using RolloutController.Scheduling;
using RolloutController.Store;

namespace RolloutController.Flags.Switches;

/// <summary>
/// Keeps the kill switches served. At start-up, before the controller answers requests: serves again every switch-off
/// the journal holds (not stored before the process stopped), then every switch the store holds. Then, every
/// <see cref="RetryInterval"/>: stores the switch-offs the store has not taken yet (while any wait, <c>/readyz</c> says
/// so), and reads the store's switches until a first read succeeded. Other replicas' switches arrive with the catalog's
/// refresh (<see cref="Builtin.CatalogRefreshService"/>).
/// </summary>
internal sealed class SwitchService(
    SwitchJournal journal,
    KillSwitch killSwitch,
    IRolloutStore store,
    IFlagBackend backend,
    ControllerReadiness readiness,
    IOptions<StoreOptions> options,
    TimeProvider time,
    ILogger<SwitchService> logger) : BackgroundService
{
    public const string Part = "switches";

    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private bool _loaded;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var write in journal.Recover())
            {
                backend.ApplySwitch(write.Switch, pinned: true);
                KillSwitchLog.Recovered(logger, write.Switch.FlagKey);
            }
        }
        catch (IOException e)
        {
            KillSwitchLog.RecoveryFailed(logger, e, journal.FilePath);
        }
        await LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(RetryInterval, time, stoppingToken);
                await PassAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass: read the store's switches if never read yet, store what waits, report readiness.</summary>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        if (!_loaded) await LoadAsync(cancellationToken);
        foreach (var write in journal.All) await killSwitch.StoreAsync(write);
        var count = journal.Count;
        readiness.SetDegraded(Part, count == 0 ? null
            : $"{count} flag switch-off(s) served but not stored yet; kept in the local journal {journal.FilePath}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            backend.ApplySwitches(await store.ListSwitchesAsync(cancellationToken).WaitAsync(options.Value.RefreshInterval, time, cancellationToken));
            _loaded = true;
        }
        catch (Exception e) when (e is StoreException or TimeoutException)
        {
            KillSwitchLog.LoadFailed(logger, e, RetryInterval);
        }
    }
}
