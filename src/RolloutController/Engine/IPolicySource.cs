using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Engine;

/// <summary>The policies currently in force (the last valid version of each file).</summary>
internal interface IPolicySource
{
    IReadOnlyList<RolloutPolicy> Current { get; }

    RolloutPolicy? Find(string flagKey);

    /// <summary>Raised after a reload changed the set of policies in force.</summary>
    event EventHandler? Changed;
}
