namespace RolloutController.Policies;

/// <summary>What an empty query result means for a guardrail.</summary>
internal enum NoDataAction
{
    /// <summary>Default. Neither passes nor fails; blocks advancement and counts towards the no-data pause limit.</summary>
    Hold,

    /// <summary>Counts as a failing measurement.</summary>
    Fail,

    /// <summary>Counts as a passing measurement (for sparse metrics the owner accepts to be absent).</summary>
    Pass,
}
