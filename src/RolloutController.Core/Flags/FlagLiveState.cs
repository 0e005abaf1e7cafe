using RolloutController.Analysis.Segments;
using RolloutController.Bucketing;

namespace RolloutController.Flags;

/// <summary>What changes while a flag is served, as opposed to what its document declares.</summary>
/// <param name="RolloutBuckets">Buckets (of 100,000) in the share a rollout ramps: <see cref="RolloutBuckets.Threshold"/> of the served weight.</param>
/// <param name="SwitchedOff">Served as disabled: switched off by a person, or (for a flag without a document) its rollout rolled back or aborted.</param>
/// <param name="Excluded">Segments a per-segment guardrail took out of the ramp.</param>
internal sealed record FlagLiveState(int RolloutBuckets, bool SwitchedOff, IReadOnlyList<Segment> Excluded)
{
    /// <summary>No rollout share, nothing switched off or excluded: a flag served as declared.</summary>
    public static FlagLiveState AsDeclared { get; } = new(0, false, []);
}
