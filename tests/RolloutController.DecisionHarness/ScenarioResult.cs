namespace RolloutController.DecisionHarness;

/// <summary>A scenario and how its rollouts ended under each policy, in the order of the policies.</summary>
internal sealed record ScenarioResult(Scenario Scenario, IReadOnlyList<TrackSummary> Policies);
