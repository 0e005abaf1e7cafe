using RolloutController.Store;

namespace RolloutController.Api;

/// <summary>
/// <c>GET /api/v1/rollouts/{flag}</c>: everything a release manager or on-call needs to see why a gate is or is not open.
/// <see cref="Note"/> is set when what is shown is not all stored (a safety move served but not stored yet) or not all
/// read (the store did not answer: history left out). <see cref="Blocked"/> says why the rollout cannot advance now
/// (<see cref="Rollouts.AdvanceGate.Blocked"/>), <see cref="Permitted"/> which triggers would fire now, lower-case.
/// </summary>
internal sealed record RolloutDetail(
    RolloutSummary Rollout,
    string Owner,
    string Type,
    string Reason,
    string Source,
    IReadOnlyList<StageView> Plan,
    IReadOnlyList<GuardrailStatus> Guardrails,
    IReadOnlyList<TransitionView> History,
    IReadOnlyList<NotificationAttempt> Notifications,
    IReadOnlyList<string> Blocked,
    IReadOnlyList<string> Permitted,
    string? Note = null)
{
    /// <summary>The policy's <c>metadata.runbook</c>; null when it gives none.</summary>
    public string? Runbook { get; init; }

    /// <summary>Distinct approvals the current stage needs before the rollout leaves it; 0 when none.</summary>
    public int ApprovalsRequired { get; init; }

    /// <summary>The approvals the current stage has under the policy in force, oldest first.</summary>
    public IReadOnlyList<ApprovalView> Approvals { get; init; } = [];

    /// <summary>
    /// The release manager's leave to advance through controller-wide freezes, under the policy in force
    /// (<c>rolloutctl override-freeze</c>); null when none counts.
    /// </summary>
    public ApprovalView? FreezeOverride { get; init; }

    /// <summary>Review date, removal criterion, lifetime and whether the flag is overdue or stale (docs/governance.md); null when not assessed.</summary>
    public Lifecycle.LifecycleView? Lifecycle { get; init; }

    /// <summary>Segments per-segment guardrails took out of the rollout (served off), oldest first; empty when none.</summary>
    public IReadOnlyList<ExcludedSegmentView> ExcludedSegments { get; init; } = [];

    /// <summary>Who switched the flag off (kill switch), why and since when; null while it is on.</summary>
    public SwitchView? SwitchedOff { get; init; }

    /// <summary>For a flag on a flag platform, what the platform serves as read back; null for a flag this controller serves.</summary>
    public PlatformView? Platform { get; init; }
}
