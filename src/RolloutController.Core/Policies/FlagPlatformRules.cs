using System.Globalization;

namespace RolloutController.Policies;

/// <summary>
/// What a policy may ask of the flag platform it drives, beyond the rules every policy follows: a platform that cannot
/// serve a weight or an exclusion exactly refuses the policy up front, with the reason, rather than serve something else.
/// </summary>
internal static class FlagPlatformRules
{
    /// <summary>Why <paramref name="platform"/> cannot serve a stage at <paramref name="weight"/> percent; null when it can.</summary>
    public static string? WeightProblem(FlagPlatform platform, decimal weight) => platform switch
    {
        // Unleash's flexibleRollout takes a whole percent: its bucket is murmur3("{groupId}:{userId}") % 100 + 1.
        FlagPlatform.Unleash when decimal.Truncate(weight) != weight =>
            $"must be a whole percent for an Unleash-backed flag (Unleash's flexibleRollout has whole-percent granularity), got {weight.ToString(CultureInfo.InvariantCulture)}",
        // LaunchDarkly's rollout weights are integers in thousandths of a percent (0..100000).
        FlagPlatform.LaunchDarkly when decimal.Round(weight, 3) != weight =>
            $"must be a multiple of 0.001 for a LaunchDarkly-backed flag (LaunchDarkly's rollout weights are whole thousandths of a percent), got {weight.ToString(CultureInfo.InvariantCulture)}",
        _ => null,
    };

    /// <summary>
    /// Why <paramref name="platform"/> cannot exclude the segments of a guardrail that excludes on breach, grouped by
    /// <paramref name="by"/>; null when it can.
    /// </summary>
    public static string? ExclusionProblem(FlagPlatform platform, string guardrail, IReadOnlyList<string> by) => platform switch
    {
        // A strategy's constraints are ANDed: "plan NOT_IN [free]" excludes one label's values, but no list of constraints
        // excludes only the users matching several labels at once.
        FlagPlatform.Unleash when by.Count > 1 =>
            $"guardrail '{guardrail}' excludes segments of several labels ({string.Join(", ", by)}), which Unleash constraints cannot express; " +
            "group it by one label for an Unleash-backed flag",
        // The platform backends carry one label per excluded segment (PlatformFlagState.Excluded), and so does flagd's file.
        // A LaunchDarkly exclusion is a rule per label ("plan in [free]"); like the other platforms, one label per segment.
        FlagPlatform.LaunchDarkly when by.Count > 1 =>
            $"guardrail '{guardrail}' excludes segments of several labels ({string.Join(", ", by)}); a LaunchDarkly-backed flag excludes segments " +
            "of one label: group it by one label",
        FlagPlatform.Flagd when by.Count > 1 =>
            $"guardrail '{guardrail}' excludes segments of several labels ({string.Join(", ", by)}); a flagd-backed flag excludes segments " +
            "of one label: group it by one label",
        _ => null,
    };
}
