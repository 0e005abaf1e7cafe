using RolloutController.Bucketing;
using RolloutController.Flags;
using RolloutController.Rollouts;

namespace RolloutController.Ofrep;

/// <summary>
/// Decides what one flag serves to one targeting key. Pure and allocation-free: it runs on every request of
/// every service that reads a flag.
/// </summary>
internal static class OfrepEvaluator
{
    public const string On = "on";
    public const string Off = "off";

    private const string MissingKeyDetails =
        "The flag is served to a share of targeting keys; the evaluation context needs a non-empty string targetingKey.";

    public static FlagEvaluation Evaluate(ServedFlag flag, string? targetingKey)
    {
        // A rolled-back or aborted rollout is off for everyone whatever weight is recorded, until a person restarts it.
        if (flag.Phase is RolloutPhase.RolledBack or RolloutPhase.Aborted)
            return FlagEvaluation.Served(false, OfrepReasons.Disabled);

        var threshold = RolloutBuckets.Threshold(flag.Weight);
        if (threshold == 0) return FlagEvaluation.Served(false, OfrepReasons.Static);
        if (threshold == RolloutBuckets.Count) return FlagEvaluation.Served(true, OfrepReasons.Static);

        if (string.IsNullOrEmpty(targetingKey))
            return FlagEvaluation.Failed(OfrepErrorCodes.TargetingKeyMissing, MissingKeyDetails);

        return FlagEvaluation.Served(RolloutBuckets.BucketOf(flag.Key, targetingKey) < threshold, OfrepReasons.Split);
    }
}
