namespace RolloutController.Analysis.Cohorts;

/// <summary>One query to run for a guardrail, variables substituted.</summary>
/// <param name="Query">The PromQL sent.</param>
/// <param name="Cohort">The cohort it selects (<c>{{ variant }}</c> rendered), or null when it returns both grouped by <c>variant</c>.</param>
internal sealed record CohortQuery(string Query, string? Cohort);
