namespace RolloutController.Analysis.Statistics;

/// <summary>
/// Compares two scalar values (canary vs baseline, e.g. p99 latency) against a tolerated worsening: relative
/// (<c>maxIncrease: 20%</c> → <see cref="Margin.Relative"/>(0.2)) or absolute (<c>maxDifference: 0.002</c> →
/// <see cref="Margin.Absolute"/>(0.002)). No statistics: use it for values that are already aggregates.
/// Fails when the canary is worse by strictly more than allowed. A relative limit on a zero baseline allows no worsening.
/// With ±Inf on one side the order decides (worse fails, better passes); NaN, or the same infinity on both sides, is a
/// missing cohort.
/// </summary>
internal static class ScalarComparator
{
    public static ScalarComparison Compare(double baseline, double canary, MetricDirection direction, Margin limit)
    {
        if (limit.Problem() is { } problem)
            return new(ComparisonOutcome.InvalidInput, baseline, canary, double.NaN, double.NaN, double.NaN, problem);
        if (double.IsNaN(baseline) || double.IsNaN(canary) || (double.IsInfinity(baseline) && baseline == canary))
            return new(ComparisonOutcome.MissingCohort, baseline, canary, double.NaN, double.NaN, double.NaN,
                $"no usable value: baseline {ScalarComparison.Format(baseline)}, canary {ScalarComparison.Format(canary)}");
        if (double.IsInfinity(baseline) || double.IsInfinity(canary))
            return ByOrder(baseline, canary, direction, limit);

        var worsening = direction == MetricDirection.HigherIsBetter ? baseline - canary : canary - baseline;
        var relative = worsening / Math.Abs(baseline);
        var allowed = limit.InUnitsOf(baseline);
        var fail = worsening > allowed;
        var detail =
            $"canary {ScalarComparison.Format(canary)} vs baseline {ScalarComparison.Format(baseline)}: worse by " +
            $"{ScalarComparison.Format(worsening)}, {(fail ? "more than" : "within")} the allowed {ScalarComparison.Format(allowed)} ({limit})";
        return new(fail ? ComparisonOutcome.Fail : ComparisonOutcome.Pass, baseline, canary, worsening, relative, allowed, detail);
    }

    // An infinity on one side (histogram_quantile(φ > 1, ...), x / 0) makes the difference infinite: no margin covers an
    // infinite worsening, and an infinite improvement needs none, so the order alone decides. Scaling a relative margin
    // by an infinite baseline would give ∞ or NaN and let an infinitely worse canary pass.
    private static ScalarComparison ByOrder(double baseline, double canary, MetricDirection direction, Margin limit)
    {
        var worsening = direction == MetricDirection.HigherIsBetter ? baseline - canary : canary - baseline;
        var fail = worsening > 0;
        var detail = $"canary {ScalarComparison.Format(canary)} vs baseline {ScalarComparison.Format(baseline)}: " +
            $"{(fail ? "worse" : "better")} beyond any margin ({limit})";
        return new(fail ? ComparisonOutcome.Fail : ComparisonOutcome.Pass, baseline, canary, worsening, double.NaN, double.NaN, detail);
    }
}
