using RolloutController.Analysis.Cohorts;
using RolloutController.Analysis.Statistics;

namespace RolloutController.Analysis;

/// <summary>Canary value against baseline value for one segment (<see cref="ScalarComparator"/>), plus any absolute bound on the canary.</summary>
internal static class ComparisonJudge
{
    public static Measurement Judge(SegmentContext c, CohortTable values)
    {
        var g = c.Guardrail;
        var canary = values.Get(Cohort.On, c.Segment);
        var baseline = values.Get(Cohort.Off, c.Segment);
        var details = c.Details(MeasurementDetails.Comparison) with
        {
            CanaryValue = canary is { } cv ? MeasurementDetails.Finite(cv) : null,
            BaselineValue = baseline is { } bv ? MeasurementDetails.Finite(bv) : null,
        };

        if (canary is null) return c.Measure(Verdict.NoData, null, "no value for the canary (variant=\"on\")", details);
        var canaryValue = canary.Value;
        // ±Inf is a value beyond every bound on its side (+Inf breaks a max); NaN is no value.
        var bound = double.IsNaN(canaryValue) ? null : GuardrailEvaluator.BoundProblem(g, canaryValue);
        if (!c.HasBaseline)
        {
            var why = $"no baseline at {c.Weight}%: not compared";
            if (double.IsNaN(canaryValue)) return c.Measure(Verdict.Pass, null, why, details);
            return bound is null
                ? c.Measure(Verdict.Pass, canaryValue, $"{why}; canary {GuardrailEvaluator.Format(canaryValue)}", details)
                : c.Measure(Verdict.Fail, canaryValue, $"{bound} ({why} with the baseline)", details);
        }
        if (baseline is null) return c.Measure(Verdict.NoData, Observed(canaryValue), "no value for the baseline (variant=\"off\")", details);

        var comparison = ScalarComparator.Compare(baseline.Value, canaryValue, g.Direction, g.Margin ?? Margin.None);
        details = details with
        {
            Difference = MeasurementDetails.Finite(canaryValue - baseline.Value),
            Allowed = MeasurementDetails.Finite(comparison.Allowed),
        };
        var verdict = comparison.Verdict;
        var detail = comparison.Detail;
        if (verdict == Verdict.Pass && bound is not null)
        {
            verdict = Verdict.Fail;
            detail = $"{bound}; {detail}";
        }
        return c.Measure(verdict, Observed(canaryValue), detail, details);
    }

    /// <summary>The canary's value as the measurement records it: ±Inf kept (it is what was observed), NaN as none.</summary>
    private static double? Observed(double value) => double.IsNaN(value) ? null : value;
}
