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
    /// Off at 0% (pending, rolled back, aborted: the environment is turned off, the strongest "no" a platform has), and off
    /// while a person's kill switch (<c>rolloutctl flag off</c>, <see cref="KillSwitchRule"/>) is off whatever the rollout
    /// serves; otherwise on at the served weight. The rule is kept while off (with the rollout's weight while the switch is
    /// off), so switching on again restores what the rollout served in one change.
    /// </summary>
    /// <param name="switchedOff">The flag's kill switch is off.</param>
    public static PlatformFlagState Of(RolloutState state, bool switchedOff = false) => new(
        RulePresent: true,
        Enabled: !switchedOff && state.ServedWeight > 0m,
        Weight: state.ServedWeight,
        Excluded: Sorted(state.ExcludedSegments.Select(e => e.Segment).Where(s => s.Labels.Count == 1).Select(s => s.Labels[0])));

    /// <summary>Excluded labels in the one order states compare in: by label, then value, ordinally; duplicates once.</summary>
    public static IReadOnlyList<SegmentLabel> Sorted(IEnumerable<SegmentLabel> labels) =>
        labels.Distinct().OrderBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.Value, StringComparer.Ordinal).ToList();
}
