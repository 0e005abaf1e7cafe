using RolloutController.Analysis;

namespace RolloutController.Rollouts;

/// <summary>A guardrail that tripped: its last measurement, how many failures in a row and since when.</summary>
internal sealed record BreachEvidence(Measurement Measurement, int ConsecutiveFailures, int FailureLimit, DateTimeOffset? FailingSince);
