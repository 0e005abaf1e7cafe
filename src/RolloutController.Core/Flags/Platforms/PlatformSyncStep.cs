namespace RolloutController.Flags.Platforms;

/// <summary>What to do after reading a flag back from its platform (<see cref="PlatformSyncRule"/>).</summary>
internal enum PlatformSyncStep
{
    /// <summary>The platform serves what the rollout wants: nothing to write; the state read is confirmed.</summary>
    InSync,

    /// <summary>Write what the rollout wants, then read it back.</summary>
    Write,

    /// <summary>Someone else changed the flag on the platform: write nothing, pause the rollout and tell on-call.</summary>
    Drifted,
}
