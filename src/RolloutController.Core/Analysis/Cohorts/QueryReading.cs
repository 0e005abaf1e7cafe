namespace RolloutController.Analysis.Cohorts;

/// <summary>A planned query and what it returned.</summary>
internal sealed record QueryReading(CohortQuery Planned, VectorOutcome Outcome);
