using RolloutController.Policies;
namespace RolloutController.PolicyFiles;

/// <summary>
/// Reads the policy directory once while the host starts, before the rollout supervisor: the watcher's own first load
/// runs in the background and could come after the supervisor's first pass, which would then schedule nothing.
/// </summary>
internal sealed class InitialPolicyLoad(PolicyWatcher watcher) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A failure is logged and the start goes on: the watcher reads the directory again as it starts, and the
        // supervisor waits for it. Nothing in the directory may keep the host from starting.
        watcher.TryReloadNow();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
