namespace RolloutController.Analysis.Statistics;

/// <summary>
/// Compares two scalar values (canary vs baseline, e.g. p99 latency) against a tolerated worsening: relative
/// (<c>maxIncrease: 20%</c> → <see cref="Margin.Relative"/>(0.2)) or absolute (<c>maxDifference: 0.002</c> →
/// <see cref="Margin.Absolute"/>(0.002)). No statistics: use it for values that are already aggregates.
/// Fails when the canary is worse by strictly more than allowed. A relative limit on a zero baseline allows no worsening.
/// </summary>
internal static class ScalarComparator
{
    public static ScalarComparison Compare(double baseline, double canary, MetricDirection direction, Margin limit)
    {
        if (limit.Problem() is { } problem)
            return new(ComparisonOutcome.InvalidInput, baseline, canary, double.NaN, double.NaN, double.NaN, problem);
        if (!double.IsFinite(baseline) || !double.IsFinite(canary))
            return new(ComparisonOutcome.MissingCohort, baseline, canary, double.NaN, double.NaN, double.NaN,
                $"no usable value: baseline {ScalarComparison.Format(baseline)}, canary {ScalarComparison.Format(canary)}");

        var worsening = direction == MetricDirection.HigherIsBetter ? baseline - canary : canary - baseline;
        var relative = worsening / Math.Abs(baseline);
        var allowed = limit.InUnitsOf(baseline);
        var fail = worsening > allowed;
        var detail =
            $"canary {ScalarComparison.Format(canary)} vs baseline {ScalarComparison.Format(baseline)}: worse by " +
            $"{ScalarComparison.Format(worsening)}, {(fail ? "more than" : "within")} the allowed {ScalarComparison.Format(allowed)} ({limit})";
        return new(fail ? ComparisonOutcome.Fail : ComparisonOutcome.Pass, baseline, canary, worsening, relative, allowed, detail);
    }
}
