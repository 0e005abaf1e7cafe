using System.Globalization;
using RolloutController.Analysis.Cohorts;
using RolloutController.Analysis.Segments;
using RolloutController.Analysis.Statistics;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Analysis;

/// <summary>
/// The sample-ratio-mismatch check of one round: exposures per cohort since the stage started against the served weight
/// (<see cref="SampleRatioCheck"/>, an anytime-valid sequential test, so it may run every round of the stage; it restarts
/// with each stage because the counts do). The recorded p-value is the round's min(1, 1/BF_n): the state keeps no running
/// maximum of the Bayes factor, which the guarantee does not need (a pause needs BF_n ≥ 1/alpha in some round, and Ville's
/// inequality bounds the chance of that under a correct split by alpha per stage). Recorded as a measurement named <see cref="SampleRatioSpec.MeasurementName"/>. A cohort
/// without series counts as 0 exposures (at 10% with no "off" exposures at all, that is the mismatch); no series at all is no data.
/// </summary>
internal static class SampleRatioAnalysis
{
    /// <summary>
    /// The round's result while the stage is younger than the platform's SDK refresh (<see cref="SampleRatioWindow"/>):
    /// nothing is counted yet, so nothing is judged.
    /// </summary>
    public static Measurement Waiting(SampleRatioSpec spec, RolloutState state, TimeSpan sdkRefresh, DateTimeOffset at) =>
        new(SampleRatioSpec.MeasurementName, Verdict.Inconclusive, null,
            string.Create(CultureInfo.InvariantCulture, $"sequential p > {spec.PValueThreshold:G4} for {state.Weight}% on"), spec.Exposures,
            string.Create(CultureInfo.InvariantCulture,
                $"not counted yet: the flag platform's SDKs may serve the previous stage for up to {sdkRefresh.TotalSeconds:0.###} s after it starts (SdkRefresh)"),
            at, new MeasurementDetails(MeasurementDetails.SampleRatio) { ExpectedShare = (double)(state.Weight / 100m) });

    public static Measurement Evaluate(SampleRatioSpec spec, RolloutState state, GuardrailReadings readings, DateTimeOffset at)
    {
        var share = (double)(state.Weight / 100m);
        var threshold = string.Create(CultureInfo.InvariantCulture, $"sequential p > {spec.PValueThreshold:G4} for {state.Weight}% on");
        var query = readings.Values.FirstOrDefault(r => r.Planned.Cohort is null or Cohort.On)?.Planned.Query ?? "";
        var details = new MeasurementDetails(MeasurementDetails.SampleRatio) { ExpectedShare = share };
        Measurement Result(Verdict verdict, string detail, MeasurementDetails d) =>
            new(SampleRatioSpec.MeasurementName, verdict, null, threshold, query, detail, at, d);

        var table = CohortTable.From(readings.Values, GuardrailSpec.NoSegments);
        if (table.Error is not null) return Result(Verdict.Error, table.Error, details) with { Query = table.ErrorQuery ?? query };
        if (!state.ExcludedSegments.IsEmpty)
            return Result(Verdict.Pass, "not checked while segments are excluded: the on-share is no longer the weight", details);

        var on = table.Get(Cohort.On, Segment.All);
        var off = table.Get(Cohort.Off, Segment.All);
        if (on is null && off is null) return Result(Verdict.NoData, "no exposures for either cohort", details);
        var onCount = SequentialJudge.WholeCount(on ?? 0);
        var offCount = SequentialJudge.WholeCount(off ?? 0);
        if (onCount is null || offCount is null)
            return Result(Verdict.NoData, $"exposures are not finite numbers: on {on}, off {off}", details);

        var result = SampleRatioCheck.Evaluate(onCount.Value, offCount.Value, share, new SrmOptions(spec.PValueThreshold, spec.MinCount));
        details = details with
        {
            CanaryTrials = onCount,
            BaselineTrials = offCount,
            PValue = MeasurementDetails.Finite(result.PValue),
        };
        var verdict = result.Outcome switch
        {
            SrmOutcome.Balanced or SrmOutcome.NotApplicable => Verdict.Pass,
            SrmOutcome.Mismatch => Verdict.Fail,
            SrmOutcome.NotEnoughData => Verdict.Inconclusive,
            _ => Verdict.Error,
        };
        var note = CohortTable.IgnoredNote(table);
        var detail = result.Outcome == SrmOutcome.Mismatch
            ? $"sample ratio mismatch: {result.Detail}; bucketing or flag delivery is broken"
            : result.Detail;
        return Result(verdict, detail + note, details);
    }
}
