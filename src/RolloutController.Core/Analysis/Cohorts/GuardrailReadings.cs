namespace RolloutController.Analysis.Cohorts;

/// <summary>Everything the metrics backend returned for one guardrail in one round.</summary>
/// <param name="Values">Readings of <c>query</c> (or of <c>numerator</c> for sequential guardrails, <c>exposures</c> for the sample-ratio check).</param>
/// <param name="Denominators">Readings of <c>denominator</c>; empty for other kinds.</param>
internal sealed record GuardrailReadings(IReadOnlyList<QueryReading> Values, IReadOnlyList<QueryReading> Denominators)
{
    /// <summary>The one value of a plain threshold guardrail (<see cref="ReadingShape.Scalar"/>); null for series.</summary>
    public ScalarReading? Scalar { get; init; }

    public static GuardrailReadings Of(params QueryReading[] values) => new(values, []);

    public static GuardrailReadings OfScalar(string query, QueryOutcome outcome) => new([], []) { Scalar = new ScalarReading(query, outcome) };
}
