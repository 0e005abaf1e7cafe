namespace RolloutController.Flags;

/// <summary>The OpenFeature reasons an evaluation reports (OFREP <c>evaluationSuccess.reason</c>); docs/flags.md says which path gives which.</summary>
internal static class FlagReasons
{
    /// <summary>Every context gets the same value and nothing about the context was looked at (0% or 100%, one variant, no rules).</summary>
    public const string Static = "STATIC";

    /// <summary>The value came from the targeting key's bucket (a ramp between 0% and 100%, or a fixed split).</summary>
    public const string Split = "SPLIT";

    /// <summary>A rule matched the context, or the context is in a segment excluded from the ramp.</summary>
    public const string TargetingMatch = "TARGETING_MATCH";

    /// <summary>The flag is disabled (declared, switched off, or its rollout rolled back or aborted): its default variant.</summary>
    public const string Disabled = "DISABLED";

    /// <summary>A prerequisite was not met, or the flag has rules none of which matched and serves one variant: the declared fallback.</summary>
    public const string Default = "DEFAULT";

    /// <summary>Metric tag for evaluations that ended in an error code (OpenFeature's reason for errors).</summary>
    public const string Error = "ERROR";
}
