using RolloutController.Bucketing;
using RolloutController.Rollouts;

namespace RolloutController.Flags;

/// <summary>
/// What each infra prerequisite of an app flag serves now, for the advancement gate: an app flag's rollout may not reach
/// a weight above the share its infra prerequisite serves the needed variant. The share is the prerequisite's
/// fallthrough (its ramp's weight, its split's weight for the variant, all or nothing for one variant); a disabled
/// prerequisite serves its default variant to everyone. Rules target named contexts and are left out. Pure.
/// </summary>
internal static class PrerequisiteShares
{
    public static IReadOnlyList<PrerequisiteShare> Of(ServableFlag flag)
    {
        if (flag.Definition.Layer != FlagLayer.App || flag.Prerequisites.Length == 0) return [];
        return flag.Prerequisites
            .Where(p => p.Flag.Definition.Layer == FlagLayer.Infra)
            .Select(p => new PrerequisiteShare(p.Flag.Key, Serving(p.Flag, p.Variant)))
            .ToList();
    }

    /// <summary>Percentage of targeting keys <paramref name="flag"/>'s fallthrough serves <paramref name="variant"/>.</summary>
    public static decimal Serving(ServableFlag flag, int variant)
    {
        var definition = flag.Definition;
        if (flag.Disabled) return definition.DefaultVariant == variant ? 100m : 0m;
        var fallthrough = definition.Fallthrough;
        switch (fallthrough.Kind)
        {
            case FallthroughKind.Variant:
                return fallthrough.Variant == variant ? 100m : 0m;
            case FallthroughKind.Split:
                return fallthrough.Split.Where(s => s.Variant == variant).Sum(s => s.Weight);
            default:
                var ramped = (decimal)flag.Live.RolloutBuckets * 100m / RolloutBuckets.Count;
                return fallthrough.Variant == variant ? ramped : fallthrough.Otherwise == variant ? 100m - ramped : 0m;
        }
    }
}
