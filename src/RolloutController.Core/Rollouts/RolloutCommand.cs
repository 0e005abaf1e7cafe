namespace RolloutController.Rollouts;

/// <summary>What a person can ask of a rollout through the API or rolloutctl.</summary>
internal enum RolloutCommand
{
    Pause,

    /// <summary>Continues a paused rollout; restarts a rolled-back or aborted one from its first stage.</summary>
    Resume,

    /// <summary>Ends the current hold now; the next healthy measurement advances.</summary>
    Promote,

    /// <summary>The kill switch: 0% immediately.</summary>
    Abort,

    /// <summary>Sign off the current stage, where the policy asks for approval (<see cref="ApprovalRule"/>).</summary>
    Approve,

    /// <summary>Includes again a segment a per-segment guardrail excluded, without restarting the ramp.</summary>
    Include,

    /// <summary>
    /// Lets this policy's rollout advance while a controller-wide freeze is in force (a release manager, with a reason;
    /// <see cref="FreezeOverrideRule"/>).
    /// </summary>
    OverrideFreeze,

    /// <summary>
    /// Takes the change made by hand on the flag's platform as what the rollout serves (a rollout paused on it;
    /// <see cref="Flags.Platforms.DriftAdoption"/>).
    /// </summary>
    Adopt,
}
