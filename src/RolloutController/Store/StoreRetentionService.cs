using Microsoft.Extensions.Options;

namespace RolloutController.Store;

/// <summary>
/// Deletes measurements and notification attempts older than <see cref="StoreOptions.Retention"/> once an hour, so a
/// controller that runs for months keeps a bounded database. Several replicas may prune at once: deletes are idempotent.
/// </summary>
internal sealed class StoreRetentionService(
    IRolloutStore store, IOptions<StoreOptions> options, TimeProvider time, ILogger<StoreRetentionService> logger) : BackgroundService
{
    internal static readonly TimeSpan Period = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = options.Value.Retention;
        if (retention == TimeSpan.Zero) return;
        // The first pass is an hour after start: the schema is certainly migrated by then, and start-up stays light.
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await store.PruneAsync(time.GetUtcNow() - retention, stoppingToken);
                if (deleted > 0) StoreLog.Pruned(logger, deleted, retention);
            }
            catch (StoreException ex)
            {
                StoreLog.PruneFailed(logger, ex, Period);
            }
        }
    }
}
