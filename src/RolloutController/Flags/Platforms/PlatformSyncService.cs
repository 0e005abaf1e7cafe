namespace RolloutController.Flags.Platforms;

/// <summary>
/// Makes the attempts <see cref="PlatformSync"/> has due: at once after a change, every connection's ReadInterval to
/// confirm and to notice changes made by hand, and after each failure's backoff. One attempt per flag at a time; flags
/// do not wait for each other.
/// </summary>
internal sealed class PlatformSyncService(PlatformSync sync, TimeProvider time, ILogger<PlatformSyncService> logger) : BackgroundService
{
    /// <summary>The longest a due attempt waits for the next pass when nothing wakes it. 250 ms.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Task? woken = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var now = time.GetUtcNow();
                    foreach (var flag in sync.All)
                    {
                        DateTimeOffset next;
                        lock (flag.Gate) next = flag.NextAttempt;
                        if (next <= now && flag.Running.CurrentCount > 0) _ = AttemptAsync(flag, stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A bug here must not stop the loop: the flags are retried at the next pass.
                    PlatformLog.PassFailed(logger, e);
                }
                // One wait on the signal at a time, kept across passes, so waits do not pile up on it.
                woken ??= sync.Wake.WaitAsync(stoppingToken);
                if (await Task.WhenAny(woken, Task.Delay(Tick, time, stoppingToken)) == woken) woken = null;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task AttemptAsync(PlatformFlagSync flag, CancellationToken stoppingToken)
    {
        try
        {
            await sync.SyncAsync(flag, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            PlatformLog.PassFailed(logger, e);
        }
    }
}
