namespace RolloutController.Policies;

/// <summary>What a per-segment guardrail does when one segment trips it.</summary>
internal enum SegmentBreachAction
{
    /// <summary>Default. The whole flag rolls back to 0%, as for any other guardrail.</summary>
    Rollback,

    /// <summary>The segment is served off from then on; the rollout continues for the other segments.</summary>
    Exclude,
}
