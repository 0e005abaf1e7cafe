using RolloutController.Bucketing;

namespace RolloutController.Flags;

/// <summary>
/// What a flag serves to one context, in this order: disabled (default variant, <c>DISABLED</c>) → prerequisites (each
/// must serve its variant to the same context; otherwise the default variant, <c>DEFAULT</c>) → rules, first match wins
/// (<c>TARGETING_MATCH</c>) → fallthrough: one variant (<c>STATIC</c>, or <c>DEFAULT</c> when the flag has rules or
/// prerequisites), a fixed split (<c>SPLIT</c>), or the share a rollout ramps (<c>SPLIT</c>; at 0% or 100% <c>STATIC</c>/
/// <c>DEFAULT</c>; a segment excluded from the ramp gets the variant outside it, <c>TARGETING_MATCH</c>). Splits bucket
/// MurmurHash3(salt + targeting key) as <see cref="RolloutBuckets"/>; a split without a targeting key is
/// <c>TARGETING_KEY_MISSING</c>. Pure, and allocation-free unless the flag has excluded segments.
/// </summary>
internal static class FlagEvaluator
{
    /// <summary>Deeper than any valid graph: prerequisites are acyclic and validated, so reaching it is a bug.</summary>
    private const int MaxDepth = 64;

    private const string MissingKeyDetails =
        "The flag is served to a share of targeting keys; the evaluation context needs a non-empty string targetingKey.";

    public static FlagResolution Evaluate<TContext>(ServableFlag flag, TContext context) where TContext : IEvaluationContext =>
        Evaluate(flag, context, 0);

    private static FlagResolution Evaluate<TContext>(ServableFlag flag, TContext context, int depth) where TContext : IEvaluationContext
    {
        var definition = flag.Definition;
        if (flag.Disabled) return FlagResolution.Served(definition.DefaultVariant, FlagReasons.Disabled);

        if (depth > MaxDepth) throw new InvalidOperationException($"prerequisites of '{flag.Key}' nest deeper than {MaxDepth}: a cycle passed validation");
        foreach (var prerequisite in flag.Prerequisites)
        {
            var served = Evaluate(prerequisite.Flag, context, depth + 1);
            if (served.IsError) return served;
            if (served.Variant != prerequisite.Variant) return FlagResolution.Served(definition.DefaultVariant, FlagReasons.Default);
        }

        var rules = definition.Rules;
        for (var i = 0; i < rules.Length; i++)
            if (ConditionMatcher.RuleMatches(rules[i], flag.RuleSegments[i], context))
                return FlagResolution.Served(rules[i].Variant, FlagReasons.TargetingMatch);

        var fallthrough = definition.Fallthrough;
        var fixedReason = flag.Targeted ? FlagReasons.Default : FlagReasons.Static;
        switch (fallthrough.Kind)
        {
            case FallthroughKind.Variant:
                return FlagResolution.Served(fallthrough.Variant, fixedReason);
            case FallthroughKind.Rollout:
                var threshold = flag.Live.RolloutBuckets;
                if (threshold <= 0) return FlagResolution.Served(fallthrough.Otherwise, fixedReason);
                if (flag.Excluded.Length > 0 && IsExcluded(flag, context)) return FlagResolution.Served(fallthrough.Otherwise, FlagReasons.TargetingMatch);
                if (threshold >= RolloutBuckets.Count) return FlagResolution.Served(fallthrough.Variant, fixedReason);
                if (string.IsNullOrEmpty(context.TargetingKey)) return FlagResolution.Failed(FlagResolution.TargetingKeyMissing, MissingKeyDetails);
                return FlagResolution.Served(
                    RolloutBuckets.BucketOf(definition.Salt, context.TargetingKey) < threshold ? fallthrough.Variant : fallthrough.Otherwise,
                    FlagReasons.Split);
            default:
                if (string.IsNullOrEmpty(context.TargetingKey)) return FlagResolution.Failed(FlagResolution.TargetingKeyMissing, MissingKeyDetails);
                var bucket = RolloutBuckets.BucketOf(definition.Salt, context.TargetingKey);
                var shares = fallthrough.Split;
                foreach (var share in shares)
                    if (bucket < share.UpTo) return FlagResolution.Served(share.Variant, FlagReasons.Split);
                return FlagResolution.Served(shares[^1].Variant, FlagReasons.Split);
        }
    }

    // Strings compare as they are; numbers and booleans by their JSON text (a label "3" matches "tier": 3).
    private static bool IsExcluded<TContext>(ServableFlag flag, TContext context) where TContext : IEvaluationContext
    {
        foreach (var segment in flag.Excluded)
            if (segment.Matches(name => context.TryGet(name, out var value) && value.Kind != ContextValueKind.Other ? value.ToString() : null))
                return true;
        return false;
    }
}
