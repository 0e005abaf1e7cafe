using RolloutController.Policies;

namespace RolloutController.Rollouts;

/// <summary>A round limit the rollout has reached this round, with the action the policy gives it.</summary>
/// <param name="JustReached">True in the round the count first equals the limit (a notify action fires once per run).</param>
internal sealed record ReachedLimit(LimitAction Action, string Reason, bool JustReached);
