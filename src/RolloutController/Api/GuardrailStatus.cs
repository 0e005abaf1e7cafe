namespace RolloutController.Api;

/// <summary>Why a guardrail is or is not holding the gate: its bound, its failure run and its last measurement.</summary>
/// <param name="Kind"><c>threshold</c>, <c>comparison</c> or <c>sequential</c>.</param>
/// <param name="By">Labels a per-segment guardrail evaluates separately; empty otherwise.</param>
/// <param name="LastRound">Every measurement of the latest round (one per segment for a per-segment guardrail).</param>
/// <param name="Runbook">The guardrail's own <c>runbook</c>; null when it has none.</param>
/// <param name="ExcludedSegments">Segments this guardrail excluded from the rollout, e.g. <c>plan="free"</c>.</param>
internal sealed record GuardrailStatus(
    string Name,
    string Threshold,
    int FailureLimit,
    string OnNoData,
    int ConsecutiveFailures,
    DateTimeOffset? FailingSince,
    MeasurementView? Last,
    string Kind = "threshold",
    IReadOnlyList<string>? By = null,
    IReadOnlyList<MeasurementView>? LastRound = null,
    IReadOnlyList<string>? ExcludedSegments = null,
    string? Runbook = null);
