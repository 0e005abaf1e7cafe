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
}
