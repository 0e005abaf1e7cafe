using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Engine;

namespace RolloutController.TestUtilities.Fakes;

/// <summary>A fixed set of policies in force, for tests that need an <see cref="IPolicySource"/> without a directory.</summary>
internal sealed class FixedPolicySource(IReadOnlyList<RolloutPolicy> policies) : IPolicySource
{
    public IReadOnlyList<RolloutPolicy> Current => policies;

    public RolloutPolicy? Find(string flagKey) => policies.FirstOrDefault(p => p.Flag.Key == flagKey);

    public event EventHandler? Changed { add { } remove { } }
}
