using RolloutController.Analysis.Segments;
using RolloutController.Rollouts;

namespace RolloutController.Flags.Platforms;

/// <summary>
/// What a flag platform must serve for a rollout's state: the served weight, on while above 0, its excluded segments
/// (one label each: a platform that cannot express more refuses such a policy up front, <see cref="Policies.FlagPlatformRules"/>).
/// </summary>
internal static class PlatformTarget
{
    /// <summary>
    /// Off at 0% (pending, rolled back, aborted: the kill switch turns the environment off, the strongest "no" a platform
    /// has); otherwise on at the served weight. The rule is kept in both cases, so turning on again is one change.
    /// </summary>
    public static PlatformFlagState Of(RolloutState state) => new(
        RulePresent: true,
        Enabled: state.ServedWeight > 0m,
        Weight: state.ServedWeight,
        Excluded: Sorted(state.ExcludedSegments.Select(e => e.Segment).Where(s => s.Labels.Count == 1).Select(s => s.Labels[0])));

    /// <summary>Excluded labels in the one order states compare in: by label, then value, ordinally; duplicates once.</summary>
    public static IReadOnlyList<SegmentLabel> Sorted(IEnumerable<SegmentLabel> labels) =>
        labels.Distinct().OrderBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.Value, StringComparer.Ordinal).ToList();
}
