using RolloutController.Analysis;

namespace RolloutController.Api;

/// <param name="Segment">The segment judged (<c>plan="free"</c>) for a per-segment guardrail; null otherwise.</param>
/// <param name="Details">The numbers behind the verdict: cohort values and counts, difference, confidence bounds, allowed worsening, α, p-value.</param>
internal sealed record MeasurementView(
    string Guardrail, string Verdict, double? Value, string Threshold, string Detail, string Query, int Stage, decimal Weight, DateTimeOffset At,
    string? Segment = null, MeasurementDetails? Details = null);
