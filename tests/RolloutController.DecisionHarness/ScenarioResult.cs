namespace RolloutController.DecisionHarness;

/// <summary>A scenario and how the three detectors did on it.</summary>
internal sealed record ScenarioResult(Scenario Scenario, DetectorSummary Sequential, DetectorSummary Naive, DetectorSummary Srm);
