namespace RolloutController.Rollouts;

/// <summary>Where a rollout is in its life. See <see cref="RolloutStateMachine"/> for the allowed moves.</summary>
internal enum RolloutPhase
{
    /// <summary>Known, not started; the flag is served at 0%.</summary>
    Pending,

    /// <summary>At a stage's weight, measured every interval, waiting for the hold to elapse.</summary>
    Observing,

    /// <summary>Held at the current weight by a person or by persistent no-data/errors; still measured, never advanced.</summary>
    Paused,

    /// <summary>Reached the last stage and served its hold. Terminal.</summary>
    Completed,

    /// <summary>A guardrail tripped; the flag is at 0% until a person restarts it.</summary>
    RolledBack,

    /// <summary>The kill switch was pulled; the flag is at 0% until a person restarts it.</summary>
    Aborted,
}
