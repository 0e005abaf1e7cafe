using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Engine;

/// <summary>The policies currently in force (the last valid version of each file).</summary>
internal interface IPolicySource
{
    IReadOnlyList<RolloutPolicy> Current { get; }

    RolloutPolicy? Find(string flagKey);

    /// <summary>Flag documents in force (same files, same reload rules as policies).</summary>
    IReadOnlyList<Flags.FlagDefinition> Flags => [];

    /// <summary>Segment documents in force.</summary>
    IReadOnlyList<Flags.SegmentDefinition> Segments => [];

    /// <summary>Raised after a reload changed the set of policies in force.</summary>
    event EventHandler? Changed;
}
