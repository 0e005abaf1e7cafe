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

    /// <summary>
    /// A person included again a segment a per-segment guardrail had excluded (<c>rolloutctl include</c>): it gets the ramp's
    /// share again; phase, stage, weight and hold stay as they are.
    /// </summary>
    Include,

    /// <summary>
    /// A person switched the flag off (the kill switch, <c>rolloutctl flag off</c>). Recorded in the flag's history; it
    /// never moves a rollout's phase (the rollout is paused by its own <see cref="Pause"/>), so the machine does not fire it.
    /// </summary>
    SwitchOff,

    /// <summary>A person switched the flag back on (<c>rolloutctl flag on</c>). Recorded like <see cref="SwitchOff"/>.</summary>
    SwitchOn,

    /// <summary>A person signed off the current stage; the rollout stays in its phase.</summary>
    Approve,

    /// <summary>A release manager let the rollout advance through freezes; it stays in its phase (<see cref="FreezeOverrideRule"/>).</summary>
    OverrideFreeze,

    /// <summary>
    /// A person adopted a change made by hand on the flag's platform: the paused rollout observes again at the weight the
    /// platform serves (<see cref="Flags.Platforms.DriftAdoption"/>).
    /// </summary>
    Adopt,
}
