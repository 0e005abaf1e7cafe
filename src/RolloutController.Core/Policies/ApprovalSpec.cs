namespace RolloutController.Policies;

/// <summary>
/// Sign-off a rollout needs before some stages (<c>spec.approvals</c>): <c>{ before: [50, 100], required: 2, from:
/// [release-manager, team-payments] }</c>.
/// </summary>
/// <param name="Before">Weights of the stages that may be entered only once approved; never the first stage.</param>
/// <param name="Required">Distinct people who must approve each of them; 1 or more (default 1).</param>
/// <param name="From">Who may approve: a role (<c>release-manager</c>, <c>admin</c>; written in the plural too, stored
/// singular) or a team (<c>team-payments</c>) the approver holds; empty: anyone allowed to approve the flag.</param>
internal sealed record ApprovalSpec(IReadOnlyList<decimal> Before, int Required, IReadOnlyList<string> From)
{
    /// <summary>The names of <see cref="From"/> that are no role, where written: each must be a team owning a document (<see cref="ApproverTeamRules"/>).</summary>
    public IReadOnlyList<Located> TeamsAt { get; init; } = [];
}
