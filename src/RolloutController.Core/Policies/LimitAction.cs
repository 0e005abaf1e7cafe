namespace RolloutController.Policies;

/// <summary>What the rollout does when a round limit (errors, inconclusive verdicts) is reached.</summary>
internal enum LimitAction
{
    /// <summary>Set the flag to 0% and tell on-call, as a failed guardrail does.</summary>
    Rollback,

    /// <summary>Hold the weight, stop advancing and tell on-call; a person resumes.</summary>
    Pause,

    /// <summary>Tell on-call once when the limit is reached; the rollout keeps holding until the verdicts change.</summary>
    Notify,
}
