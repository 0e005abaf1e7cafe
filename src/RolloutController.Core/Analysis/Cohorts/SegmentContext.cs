using RolloutController.Analysis.Segments;
using RolloutController.Policies;

namespace RolloutController.Analysis.Cohorts;

/// <summary>What a judge needs to produce one segment's measurement.</summary>
/// <param name="Guardrail">The guardrail judged.</param>
/// <param name="Segment">The segment; <see cref="Segment.All"/> for a guardrail without <c>by</c>.</param>
/// <param name="Query">The query shown with the measurement (the canary's, or the grouped one).</param>
/// <param name="Weight">The served weight in percent.</param>
/// <param name="StageWeights">Every stage's weight, to split the sequential test's α across stages.</param>
/// <param name="Note">Appended to the detail, e.g. cohorts the policy does not name that were ignored; empty when none.</param>
internal sealed record SegmentContext(
    GuardrailSpec Guardrail,
    Segment Segment,
    string Query,
    decimal Weight,
    IReadOnlyList<decimal> StageWeights,
    string Note,
    DateTimeOffset At)
{
    /// <summary>No concurrent baseline at 0% or 100%: cohorts cannot be compared.</summary>
    public bool HasBaseline => Weight is > 0 and < 100;

    public string? SegmentName => Segment.IsAll ? null : Segment.ToString();

    public MeasurementDetails Details(string method) => new(method) { Segment = SegmentName };

    /// <summary>A measurement of this segment, its detail prefixed with the segment and suffixed with the note.</summary>
    public Measurement Measure(Verdict verdict, double? value, string detail, MeasurementDetails details) =>
        GuardrailEvaluator.ApplyNoData(Guardrail, new Measurement(
            Guardrail.Name, verdict, value, GuardrailEvaluator.Describe(Guardrail), Query,
            (Segment.IsAll ? "" : $"{Segment}: ") + detail + Note, At, details));
}
