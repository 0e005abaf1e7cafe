using RolloutController.Analysis.Cohorts;
using RolloutController.Analysis.Statistics;

namespace RolloutController.Analysis;

/// <summary>
/// Events/trials per cohort for one segment through <see cref="SequentialProportionTest"/>, with α split across the
/// stages that have a baseline (<see cref="StageAlpha"/>). Counts from <c>increase()</c> are fractional and rounded to whole
/// counts; NaN/±∞ count as missing; negative counts and events above trials are errors the test reports.
/// </summary>
internal static class SequentialJudge
{
    public static Measurement Judge(SegmentContext c, CohortTable numerators, CohortTable denominators)
    {
        var g = c.Guardrail;
        var alpha = StageAlpha.PerComparableStage(g.Alpha, c.StageWeights);
        var details = c.Details(MeasurementDetails.Sequential) with { Alpha = alpha };
        if (!c.HasBaseline)
            return c.Measure(Verdict.Pass, null, $"no baseline at {c.Weight}%: not compared", details);

        var canary = Counts(numerators.Get(Cohort.On, c.Segment), denominators.Get(Cohort.On, c.Segment));
        var baseline = Counts(numerators.Get(Cohort.Off, c.Segment), denominators.Get(Cohort.Off, c.Segment));
        var options = new SequentialTestOptions(alpha, AsymptoticConfidenceSequence.DefaultTuningSampleSize, g.MinSamples);
        var result = SequentialProportionTest.Compare(baseline, canary, g.Direction, g.Margin ?? Margin.None, options);

        details = details with
        {
            CanaryEvents = canary?.Events,
            CanaryTrials = canary?.Trials,
            BaselineEvents = baseline?.Events,
            BaselineTrials = baseline?.Trials,
            CanaryValue = MeasurementDetails.Finite(result.TreatmentRate),
            BaselineValue = MeasurementDetails.Finite(result.ControlRate),
            Difference = MeasurementDetails.Finite(result.Difference),
            LowerBound = MeasurementDetails.Finite(result.LowerBound),
            UpperBound = MeasurementDetails.Finite(result.UpperBound),
            Allowed = MeasurementDetails.Finite(result.HarmThreshold),
        };
        return c.Measure(result.Verdict, MeasurementDetails.Finite(result.TreatmentRate), result.Detail, details);
    }

    private static CohortCounts? Counts(double? events, double? trials) =>
        WholeCount(events) is { } e && WholeCount(trials) is { } t ? new CohortCounts(e, t) : null;

    /// <summary>The nearest whole count; null for a missing, non-finite or absurdly large value.</summary>
    public static long? WholeCount(double? value) =>
        value is { } v && double.IsFinite(v) && Math.Abs(v) < MaxCount ? (long)Math.Round(v, MidpointRounding.AwayFromZero) : null;

    private const double MaxCount = 1e15;
}
