using RolloutController.Calendar;

namespace RolloutController.Policies;

/// <summary>When and how a rollout may move: its release windows, scheduled start, mode and approvals (<c>spec.windows</c>, <c>spec.startAt</c>, <c>spec.mode</c>, <c>spec.approvals</c>).</summary>
/// <param name="Windows">Weekly windows in which stages may advance; empty: any time.</param>
/// <param name="StartAt">When the rollout starts; null: as soon as the policy is loaded.</param>
/// <param name="Mode">Live (the default) or dry run.</param>
internal sealed record GovernanceSpec(IReadOnlyList<ReleaseWindow> Windows, DateTimeOffset? StartAt, RolloutMode Mode)
{
    /// <summary>No windows, no scheduled start, live: what a policy that says nothing gets.</summary>
    public static GovernanceSpec None { get; } = new([], null, RolloutMode.Live);

    /// <summary>Sign-off needed before some stages (<c>spec.approvals</c>); null: none.</summary>
    public ApprovalSpec? Approvals { get; init; }

    /// <summary>Whether the rollout only records what it would do (<see cref="RolloutMode.DryRun"/>).</summary>
    public bool DryRun => Mode == RolloutMode.DryRun;
}
