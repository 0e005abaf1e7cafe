using RolloutController.Policies;

namespace RolloutController.Hosting;

/// <summary>
/// Reads the policy directory once while the host starts, before the rollout supervisor: the watcher's own first load
/// runs in the background and could come after the supervisor's first pass, which would then schedule nothing.
/// </summary>
internal sealed class InitialPolicyLoad(PolicyWatcher watcher) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            watcher.ReloadNow();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The watcher reads the directory again as it starts and logs the failure; the supervisor waits for it.
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
