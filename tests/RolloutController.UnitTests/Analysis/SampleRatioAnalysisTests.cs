using RolloutController.Analysis;
using RolloutController.Analysis.Cohorts;
using RolloutController.Analysis.Segments;
using RolloutController.Policies;
using RolloutController.Rollouts;
using static RolloutController.TestUtilities.Builders.Readings;

namespace RolloutController.UnitTests.Analysis;

public sealed class SampleRatioAnalysisTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SampleRatioSpec Spec = new("sum by (variant) (increase(exposures[{{ window }}]))");

    private static Measurement Run(double? on, double? off, decimal weight = 10m, RolloutState? state = null) =>
        SampleRatioAnalysis.Evaluate(Spec, (state ?? RolloutState.New("f", "p", "r", T0)) with { Weight = weight },
            GuardrailReadings.Of(PerCohort(on, off)), T0);

    [Fact]
    public void A_split_that_matches_the_weight_passes()
    {
        var m = Run(1_000, 9_000);

        (m.Guardrail, m.Verdict).ShouldBe(("sample-ratio", Verdict.Pass));
        var d = m.Details.ShouldNotBeNull();
        (d.Method, d.CanaryTrials, d.BaselineTrials, d.ExpectedShare, d.PValue).ShouldBe(("sample-ratio", 1_000L, 9_000L, 0.1, 1.0));
    }

    [Fact]
    public void A_mismatch_fails_and_says_bucketing_or_delivery_is_broken()
    {
        var m = Run(1_300, 8_700);

        m.Verdict.ShouldBe(Verdict.Fail);
        m.Detail.ShouldStartWith("sample ratio mismatch: ");
        m.Detail.ShouldEndWith("bucketing or flag delivery is broken");
        m.Details!.PValue.ShouldNotBeNull().ShouldBeLessThan(0.001);
    }

    [Fact]
    public void Defined_outcomes_for_little_missing_or_bad_data()
    {
        Run(1, 5).Verdict.ShouldBe(Verdict.Inconclusive);
        Run(null, null).Verdict.ShouldBe(Verdict.NoData);
        Run(1_000, null).Verdict.ShouldBe(Verdict.Fail, "a cohort without series counts as 0 exposures");
        Run(-5, 100).Verdict.ShouldBe(Verdict.Error);
        Run(500, 0, weight: 100m).Verdict.ShouldBe(Verdict.Pass, "no split to check at 100%");
    }

    [Fact]
    public void It_is_not_checked_while_segments_are_excluded()
    {
        var state = RolloutState.New("f", "p", "r", T0) with
        {
            ExcludedSegments = [new ExcludedSegment("g", Segment.Of(("plan", "free")), 0, "bad", T0)],
        };
        Run(1_300, 8_700, state: state).Detail.ShouldStartWith("not checked while segments are excluded");
    }
}
