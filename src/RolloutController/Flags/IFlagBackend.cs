using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Flags;

/// <summary>
/// Where a rollout's weight takes effect. The built-in backend serves it over OFREP from this controller;
/// external flag platforms get their own implementation in their own folder.
/// </summary>
internal interface IFlagBackend
{
    /// <summary>Makes the served weight match <paramref name="state"/>. Called after the state is persisted.</summary>
    Task ApplyAsync(RolloutPolicy policy, RolloutState state, CancellationToken cancellationToken);

    /// <summary>Applies many states (start-up, refreshes); a backend that can should publish them together.</summary>
    async Task ApplyManyAsync(IReadOnlyList<(RolloutPolicy Policy, RolloutState State)> states, CancellationToken cancellationToken)
    {
        foreach (var (policy, state) in states) await ApplyAsync(policy, state, cancellationToken);
    }
}
