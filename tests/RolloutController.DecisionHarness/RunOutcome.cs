namespace RolloutController.DecisionHarness;

/// <summary>When each detector first failed in one simulated rollout (minutes since the rollout began), null if never.
/// Each detector is judged as if it alone governed the rollout: the simulation keeps going after one fires.</summary>
internal sealed record RunOutcome(double? SequentialMinute, double? NaiveMinute, double? SrmMinute);
