namespace RolloutController.Analysis;

/// <summary>The result of a query that may return several series, failures included, as data.</summary>
/// <param name="Kind"><see cref="QueryOutcomeKind.Value"/> (one or more series), <see cref="QueryOutcomeKind.Empty"/> or <see cref="QueryOutcomeKind.Error"/>.</param>
/// <param name="Series">Every series returned, in the order Prometheus gave them.</param>
/// <param name="Detail">Error message, when it failed.</param>
internal sealed record VectorOutcome(QueryOutcomeKind Kind, IReadOnlyList<LabeledSample> Series, string? Detail)
{
    public static VectorOutcome Of(IReadOnlyList<LabeledSample> series) =>
        series.Count == 0 ? Empty() : new(QueryOutcomeKind.Value, series, null);

    public static VectorOutcome Empty() => new(QueryOutcomeKind.Empty, [], "query returned no series");

    public static VectorOutcome Failed(string detail) => new(QueryOutcomeKind.Error, [], detail);

    /// <summary>The same answer read as a single value: several series are <see cref="QueryOutcomeKind.MultipleSeries"/>.</summary>
    public QueryOutcome ToScalar() => Kind switch
    {
        QueryOutcomeKind.Error => QueryOutcome.Failed(Detail ?? "query failed"),
        _ when Series.Count == 0 => QueryOutcome.Empty(),
        _ when Series.Count > 1 => QueryOutcome.Multiple(Series.Count),
        _ => QueryOutcome.Of(Series[0].Value),
    };
}
