using RolloutController.Analysis.Segments;
using RolloutController.Bucketing;

namespace RolloutController.Flags;

/// <summary>What changes while a flag is served, as opposed to what its document declares.</summary>
/// <param name="RolloutBuckets">Buckets (of 100,000) in the share a rollout ramps: <see cref="RolloutBuckets.Threshold"/> of the served weight.</param>
/// <param name="SwitchedOff">Served as disabled: switched off by a person, or (for a flag without a document) its rollout rolled back or aborted.</param>
/// <param name="Excluded">Segments a per-segment guardrail took out of the ramp.</param>
/// <param name="Switch">The kill switch when a person switched the flag off (<see cref="KillSwitchRule"/>); null otherwise.</param>
internal sealed record FlagLiveState(int RolloutBuckets, bool SwitchedOff, IReadOnlyList<Segment> Excluded, FlagSwitch? Switch = null)
{
    /// <summary>This state under <paramref name="flagSwitch"/>: switched off when it is off; as it is otherwise.</summary>
    public FlagLiveState Under(FlagSwitch? flagSwitch) =>
        KillSwitchRule.IsOff(flagSwitch) ? this with { SwitchedOff = true, Switch = flagSwitch } : this;

    /// <summary>No rollout share, nothing switched off or excluded: a flag served as declared.</summary>
    public static FlagLiveState AsDeclared { get; } = new(0, false, []);
}
