namespace RolloutController.Policies;

/// <summary>Whether a rollout changes what is served (<c>spec.mode</c>).</summary>
internal enum RolloutMode
{
    /// <summary>The default: the flag is served at the stage's weight.</summary>
    Live,

    /// <summary>
    /// <c>dry-run</c>: the rollout is measured and decided on its real schedule, and records and notifies what it would have
    /// done, but what is served never changes.
    /// </summary>
    DryRun,
}
