namespace RolloutController.Dashboard;

/// <summary>One measurement round: when, at which stage and weight, and each guardrail's verdict (per segment when segmented).</summary>
/// <param name="Verdicts">Guardrail (or <c>guardrail [segment]</c>) → verdict.</param>
internal sealed record RoundRow(DateTimeOffset At, int Stage, decimal Weight, string Overall, IReadOnlyDictionary<string, string> Verdicts)
{
    /// <summary>
    /// The rounds in <paramref name="measurements"/>, newest first, at most <paramref name="limit"/>: every measurement of
    /// a round carries the round's time. The round's overall verdict is its worst: fail, error, no data, inconclusive, pass.
    /// </summary>
    public static IReadOnlyList<RoundRow> Of(IReadOnlyList<Store.MeasurementRecord> measurements, int limit) =>
        measurements.GroupBy(m => m.Measurement.At)
            .OrderByDescending(g => g.Key)
            .Take(limit)
            .Select(g => new RoundRow(g.Key, g.First().StageIndex + 1, g.First().Weight,
                Worst(g.Select(m => m.Measurement.Verdict)),
                g.GroupBy(m => Column(m.Measurement))
                    .ToDictionary(c => c.Key, c => Worst(c.Select(m => m.Measurement.Verdict)), StringComparer.Ordinal)))
            .ToList();

    public static string Column(Analysis.Measurement m) => m.Segment is { } s ? $"{m.Guardrail} [{s}]" : m.Guardrail;

    private static string Worst(IEnumerable<Analysis.Verdict> verdicts) =>
        verdicts.OrderBy(v => v switch
        {
            Analysis.Verdict.Fail => 0,
            Analysis.Verdict.Error => 1,
            Analysis.Verdict.NoData => 2,
            Analysis.Verdict.Inconclusive => 3,
            _ => 4,
        }).First().ToString().ToLowerInvariant();
}
