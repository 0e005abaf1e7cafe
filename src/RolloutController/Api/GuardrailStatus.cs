namespace RolloutController.Api;

/// <summary>Why a guardrail is or is not holding the gate: its bound, its failure run and its last measurement.</summary>
internal sealed record GuardrailStatus(
    string Name,
    string Threshold,
    int FailureLimit,
    string OnNoData,
    int ConsecutiveFailures,
    DateTimeOffset? FailingSince,
    MeasurementView? Last);
