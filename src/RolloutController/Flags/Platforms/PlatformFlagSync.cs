using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Flags.Platforms;

/// <summary>
/// One platform-backed flag: what the rollout wants served, what the platform was last confirmed to serve, and where the
/// two stand. Written under <see cref="Gate"/>; <see cref="Running"/> lets one attempt at a time talk to the platform.
/// </summary>
internal sealed class PlatformFlagSync(IFlagPlatform platform, RolloutPolicy policy, RolloutState desired, DateTimeOffset now)
{
    public Lock Gate { get; } = new();

    public SemaphoreSlim Running { get; } = new(1, 1);

    public IFlagPlatform Platform { get; set; } = platform;

    public RolloutPolicy Policy { get; set; } = policy;

    /// <summary>The rollout state to serve (the latest applied, or pinned by a safety move).</summary>
    public RolloutState Desired { get; set; } = desired;

    /// <summary>The state served before <see cref="Desired"/>, for the notices about a rollback not applied.</summary>
    public RolloutState? Previous { get; set; }

    /// <summary>A person's kill switch (<c>rolloutctl flag off</c>) holds the flag off on its platform whatever the rollout serves.</summary>
    public bool SwitchedOff { get; set; }

    /// <summary>The kill switch served for the flag (who switched it and why), null when nobody ever switched it.</summary>
    public FlagSwitch? KillSwitch { get; set; }

    /// <summary>What the platform must serve now: <see cref="Desired"/> under the kill switch (<see cref="PlatformTarget"/>).</summary>
    public PlatformFlagState Target => PlatformTarget.Of(Desired, SwitchedOff);

    /// <summary>A safety move not stored yet: only another safety move replaces it.</summary>
    public bool Pinned { get; set; }

    /// <summary>What this controller last wrote and read back, or found in sync; null before the first time.</summary>
    public PlatformFlagState? Confirmed { get; set; }

    /// <summary>What the platform served at the last successful read.</summary>
    public PlatformFlagState? Observed { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    public PlatformSyncStatus Status { get; set; } = PlatformSyncStatus.Applying;

    public string Detail { get; set; } = "not read yet";

    /// <summary>Failed attempts in a row; sets the backoff.</summary>
    public int Failures { get; set; }

    public DateTimeOffset NextAttempt { get; set; } = now;

    /// <summary>A change made by hand was found and no person has decided yet.</summary>
    public bool DriftUnresolved { get; set; }

    /// <summary>The version of the rollout state when the drift was found.</summary>
    public long DriftVersion { get; set; }

    /// <summary>The version of the first paused state since the drift was found; null before (<see cref="PlatformSyncRule.ResolvesDrift"/>).</summary>
    public long? DriftPausedVersion { get; set; }

    /// <summary>Since when a move to 0% waits to be confirmed by the platform; null when none waits.</summary>
    public DateTimeOffset? RollbackSince { get; set; }

    /// <summary>The critical "rollback NOT applied" notice went out for the move waiting since <see cref="RollbackSince"/>.</summary>
    public bool RollbackNoticeSent { get; set; }
}
