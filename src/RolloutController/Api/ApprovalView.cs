namespace RolloutController.Api;

/// <summary>One approval of the rollout's current stage, under the policy in force.</summary>
internal sealed record ApprovalView(string Actor, string Reason, DateTimeOffset At);
