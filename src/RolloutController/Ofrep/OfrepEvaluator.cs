using System.Text.Json;
using RolloutController.Bucketing;
using RolloutController.Flags;
using RolloutController.Rollouts;

namespace RolloutController.Ofrep;

/// <summary>
/// Decides what one flag serves to one evaluation context. Pure, and allocation-free unless the flag has excluded
/// segments: it runs on every request of every service that reads a flag.
/// </summary>
internal static class OfrepEvaluator
{
    public const string On = "on";
    public const string Off = "off";

    private const string MissingKeyDetails =
        "The flag is served to a share of targeting keys; the evaluation context needs a non-empty string targetingKey.";

    /// <param name="context">The request's evaluation context (Undefined when none was sent): its attributes select excluded segments.</param>
    public static FlagEvaluation Evaluate(ServedFlag flag, string? targetingKey, JsonElement context = default)
    {
        // A rolled-back or aborted rollout is off for everyone whatever weight is recorded, until a person restarts it.
        if (flag.Phase is RolloutPhase.RolledBack or RolloutPhase.Aborted)
            return FlagEvaluation.Served(false, OfrepReasons.Disabled);

        var threshold = flag.OnBuckets;
        if (threshold == 0) return FlagEvaluation.Served(false, OfrepReasons.Static);

        // A segment a per-segment guardrail excluded is off whatever the weight; the context must carry the label as an attribute.
        if (flag.Excluded.Count > 0 && IsExcluded(flag, context))
            return FlagEvaluation.Served(false, OfrepReasons.TargetingMatch);

        if (threshold == RolloutBuckets.Count) return FlagEvaluation.Served(true, OfrepReasons.Static);

        if (string.IsNullOrEmpty(targetingKey))
            return FlagEvaluation.Failed(OfrepErrorCodes.TargetingKeyMissing, MissingKeyDetails);

        return FlagEvaluation.Served(RolloutBuckets.BucketOf(flag.Key, targetingKey) < threshold, OfrepReasons.Split);
    }

    private static bool IsExcluded(ServedFlag flag, JsonElement context)
    {
        if (context.ValueKind != JsonValueKind.Object) return false;
        foreach (var segment in flag.Excluded)
            if (segment.Matches(name => Attribute(context, name))) return true;
        return false;
    }

    // Strings compare as they are; numbers and booleans by their JSON text (a label "3" matches "tier": 3).
    private static string? Attribute(JsonElement context, string name) =>
        !context.TryGetProperty(name, out var value) ? null
        : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
}
