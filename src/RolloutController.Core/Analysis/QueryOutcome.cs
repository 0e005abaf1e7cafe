namespace RolloutController.Analysis;

/// <summary>The result of one metrics query, failures included, as data.</summary>
/// <param name="Kind">What came back.</param>
/// <param name="Value">The sample for <see cref="QueryOutcomeKind.Value"/> and <see cref="QueryOutcomeKind.NotFinite"/>.</param>
/// <param name="SeriesCount">Number of series returned.</param>
/// <param name="Detail">Error message or a short description of what was returned.</param>
internal sealed record QueryOutcome(QueryOutcomeKind Kind, double? Value, int SeriesCount, string? Detail)
{
    public static QueryOutcome Of(double value) =>
        double.IsFinite(value)
            ? new(QueryOutcomeKind.Value, value, 1, null)
            : new(QueryOutcomeKind.NotFinite, value, 1, $"sample is {GuardrailEvaluator.Format(value)}");

    public static QueryOutcome Empty() => new(QueryOutcomeKind.Empty, null, 0, "query returned no series");

    public static QueryOutcome Multiple(int count) =>
        new(QueryOutcomeKind.MultipleSeries, null, count, $"query returned {count} series where one is expected; aggregate it with sum() or similar");

    public static QueryOutcome Failed(string detail) => new(QueryOutcomeKind.Error, null, 0, detail);
}
