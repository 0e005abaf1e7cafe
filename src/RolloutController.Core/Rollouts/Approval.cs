namespace RolloutController.Rollouts;

/// <summary>One person's sign-off of the stage a rollout is in, to leave it (advance, or complete at the last stage).</summary>
/// <param name="StageIndex">The stage approved out of; approvals of another stage count for nothing.</param>
/// <param name="Revision">The policy revision approved; a changed policy needs approving again.</param>
internal sealed record Approval(string Actor, string Reason, int StageIndex, string? Revision, DateTimeOffset At);
