using RolloutController.Analysis.Segments;

namespace RolloutController.Analysis.Cohorts;

/// <summary>One value of a guardrail's readings: which cohort, which segment.</summary>
internal readonly record struct CohortKey(string Cohort, Segment Segment);
