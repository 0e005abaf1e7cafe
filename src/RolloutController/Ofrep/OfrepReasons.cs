namespace RolloutController.Ofrep;

/// <summary>The OpenFeature reasons the controller reports (OFREP <c>evaluationSuccess.reason</c>).</summary>
internal static class OfrepReasons
{
    /// <summary>Weight 0% or 100%: every key gets the same value, no targeting key needed.</summary>
    public const string Static = "STATIC";

    /// <summary>0% &lt; weight &lt; 100%: the value comes from the key's bucket.</summary>
    public const string Split = "SPLIT";

    /// <summary>The context belongs to a segment excluded from the rollout (its attributes match the segment's labels): served off.</summary>
    public const string TargetingMatch = "TARGETING_MATCH";

    /// <summary>The rollout was rolled back or aborted: served off to everyone until a person restarts it.</summary>
    public const string Disabled = "DISABLED";

    /// <summary>Metric tag for evaluations that ended in an error code (OpenFeature's reason for errors).</summary>
    public const string Error = "ERROR";
}
