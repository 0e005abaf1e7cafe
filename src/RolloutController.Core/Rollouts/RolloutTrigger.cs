namespace RolloutController.Rollouts;

/// <summary>Events that move a rollout between phases.</summary>
internal enum RolloutTrigger
{
    Start,
    Advance,
    Complete,
    Rollback,
    Pause,
    Resume,
    Promote,
    Abort,

    /// <summary>Starts a rolled-back or aborted rollout again from its first stage.</summary>
    Restart,

    /// <summary>A per-segment guardrail excluded a segment: it is served off, the rollout continues for the others.</summary>
    Exclude,

    /// <summary>A round limit with action notify was reached: on-call is told, nothing else changes.</summary>
    Warn,
}
