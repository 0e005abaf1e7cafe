namespace RolloutController.Analysis.Statistics;

/// <summary>The result of feeding one cumulative reading to a <see cref="CumulativeCohort"/>.</summary>
/// <param name="Cohort">The tracker after the reading (unchanged when the reading was rejected).</param>
/// <param name="Increase">What the reading added (zero when rejected).</param>
/// <param name="Reset">True when a counter went down, i.e. the process restarted and its counters started again from 0.</param>
/// <param name="Problem">Why the reading was rejected; null when accepted.</param>
internal sealed record CounterStep(CumulativeCohort Cohort, CohortCounts Increase, bool Reset, string? Problem);
