using RolloutController.Analysis;
using RolloutController.Analysis.Cohorts;
using RolloutController.Rollouts;
using static RolloutController.TestUtilities.Builders.Readings;

namespace RolloutController.UnitTests.Analysis.Statistics;

/// <summary>
/// A labelled counter appears at its first increment, so a canary that has not served a single 5xx yet has no error
/// series. The sequential guardrail reads that as 0 events when the cohort's trials and the other cohort's events are
/// there; when no cohort has an events series the query may be wrong and the reading stays missing.
/// </summary>
public sealed class SequentialMissingEventsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static Measurement Judge(GuardrailReadings readings)
    {
        var state = RolloutState.New("f", "p", "r", T0) with { Phase = RolloutPhase.Observing, StageIndex = 0, Weight = 1m, StageStartedAt = T0 };
        var g = Sequential();
        return GuardrailAnalysis.Evaluate(TestUtilities.Builders.Policies.Default(guardrails: [g]), g, state, readings, T0).ShouldHaveSingleItem();
    }

    [Fact]
    public void A_canary_without_an_events_series_has_counted_no_events()
    {
        var m = Judge(Counts(null, 150, 1_480, 148_500));

        m.Verdict.ShouldBe(Verdict.Pass);
        (m.Details!.CanaryEvents, m.Details.CanaryTrials, m.Details.BaselineEvents).ShouldBe((0L, 150L, 1_480L));
    }

    [Fact]
    public void A_grouped_events_query_with_only_the_baseline_series_counts_no_canary_events()
    {
        var events = Grouped(Series(1_480, ("variant", Cohort.Off)));
        var trials = Grouped(Series(150, ("variant", Cohort.On)), Series(148_500, ("variant", Cohort.Off)));

        var m = Judge(new GuardrailReadings([events], [trials]));

        (m.Verdict, m.Details!.CanaryEvents).ShouldBe((Verdict.Pass, 0L));
    }

    [Fact]
    public void A_baseline_without_an_events_series_has_counted_none_and_a_failing_canary_is_harm()
    {
        var m = Judge(Counts(60, 1_000, null, 99_000));

        (m.Verdict, m.Details!.BaselineEvents).ShouldBe((Verdict.Fail, 0L));
    }

    [Theory]
    [InlineData(null, 150.0, null, 148_500.0)]
    [InlineData(null, null, 1_480.0, 148_500.0)]
    [InlineData(3.0, null, 1_480.0, 148_500.0)]
    public void Without_any_events_series_or_without_the_cohort_trials_the_reading_stays_missing(double? onEvents, double? onTrials, double? offEvents, double? offTrials) =>
        Judge(Counts(onEvents, onTrials, offEvents, offTrials)).Verdict.ShouldBe(Verdict.NoData);
}
