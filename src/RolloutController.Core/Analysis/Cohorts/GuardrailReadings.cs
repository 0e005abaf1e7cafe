namespace RolloutController.Analysis.Cohorts;

/// <summary>Everything the metrics backend returned for one guardrail in one round.</summary>
/// <param name="Values">Readings of <c>query</c> (or of <c>numerator</c> for sequential guardrails, <c>exposures</c> for the sample-ratio check).</param>
/// <param name="Denominators">Readings of <c>denominator</c>; empty for other kinds.</param>
internal sealed record GuardrailReadings(IReadOnlyList<QueryReading> Values, IReadOnlyList<QueryReading> Denominators)
{
    public static GuardrailReadings Of(params QueryReading[] values) => new(values, []);
}
