namespace RolloutController.Flags.Platforms;

/// <summary>Where a platform-backed flag stands between what the rollout wants and what its platform serves.</summary>
internal enum PlatformSyncStatus
{
    /// <summary>A change is being written (or waits for its first attempt); not confirmed yet.</summary>
    Applying,

    /// <summary>Read back: the platform serves what the rollout wants.</summary>
    InSync,

    /// <summary>The platform did not answer, refused the change or its token; retried with backoff.</summary>
    Unreachable,

    /// <summary>Someone changed the flag on the platform; the controller writes nothing until a person decides.</summary>
    Drifted,

    /// <summary>A move to 0% (rollback, kill switch) the platform has not taken yet: the worst failure, retried until it is.</summary>
    RollbackPending,
}
