using RolloutController.Analysis.Cohorts;
using RolloutController.Analysis.Statistics;

namespace RolloutController.Analysis;

/// <summary>
/// Events/trials per cohort for one segment through <see cref="SequentialProportionTest"/>, with α split across the
/// stages that have a baseline (<see cref="StageAlpha"/>). Counts from <c>increase()</c> are fractional and rounded to whole
/// counts; NaN/±∞ count as missing; negative counts and events above trials are errors the test reports. A cohort whose
/// events query returns no series counts 0 events when its trials and the other cohort's events have series.
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

        var (onEvents, offEvents) = (numerators.Get(Cohort.On, c.Segment), numerators.Get(Cohort.Off, c.Segment));
        var (onTrials, offTrials) = (denominators.Get(Cohort.On, c.Segment), denominators.Get(Cohort.Off, c.Segment));
        var canary = Counts(Events(onEvents, onTrials, offEvents), onTrials);
        var baseline = Counts(Events(offEvents, offTrials, onEvents), offTrials);
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

    // A labelled counter appears at its first increment: a canary that has not yet served a single 5xx has no error series,
    // and a query selecting it returns nothing. When the cohort's trials and the other cohort's events do have series, the
    // missing events are zero. When neither cohort has an events series, the query itself may be wrong: that stays missing.
    private static double? Events(double? own, double? ownTrials, double? otherEvents) =>
        own ?? (ownTrials is not null && otherEvents is not null ? 0 : null);

    private static CohortCounts? Counts(double? events, double? trials) =>
        WholeCount(events) is { } e && WholeCount(trials) is { } t ? new CohortCounts(e, t) : null;

    /// <summary>The nearest whole count; null for a missing, non-finite or absurdly large value.</summary>
    public static long? WholeCount(double? value) =>
        value is { } v && double.IsFinite(v) && Math.Abs(v) < MaxCount ? (long)Math.Round(v, MidpointRounding.AwayFromZero) : null;

    private const double MaxCount = 1e15;
}
