using RolloutController.Flags;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.IntegrationTests.Api;

/// <summary>Holds every flag change until <see cref="Open"/>, then passes it to the real backend: keeps start-up "not ready" on demand.</summary>
internal sealed class GatedFlagBackend(IFlagBackend inner) : IFlagBackend
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _open.TrySetResult();

    public async Task ApplyAsync(RolloutPolicy policy, RolloutState state, CancellationToken cancellationToken)
    {
        await _open.Task.WaitAsync(cancellationToken);
        await inner.ApplyAsync(policy, state, cancellationToken);
    }

    public async Task ApplyManyAsync(IReadOnlyList<(RolloutPolicy Policy, RolloutState State)> states, CancellationToken cancellationToken)
    {
        await _open.Task.WaitAsync(cancellationToken);
        await inner.ApplyManyAsync(states, cancellationToken);
    }

    public async Task ApplyPinnedAsync(RolloutPolicy policy, RolloutState state, CancellationToken cancellationToken)
    {
        await _open.Task.WaitAsync(cancellationToken);
        await inner.ApplyPinnedAsync(policy, state, cancellationToken);
    }

    public void Unpin(string flagKey) => inner.Unpin(flagKey);

    public void ApplySwitch(FlagSwitch flagSwitch, bool pinned) => inner.ApplySwitch(flagSwitch, pinned);

    public void ApplySwitches(IReadOnlyList<FlagSwitch> stored) => inner.ApplySwitches(stored);

    public void UnpinSwitch(string flagKey) => inner.UnpinSwitch(flagKey);

    public FlagSwitch? SwitchOf(string flagKey) => inner.SwitchOf(flagKey);
}
