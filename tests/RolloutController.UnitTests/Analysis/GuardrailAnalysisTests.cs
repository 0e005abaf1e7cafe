using RolloutController.Analysis;
using RolloutController.Analysis.Cohorts;
using RolloutController.Analysis.Segments;
using RolloutController.Analysis.Statistics;
using RolloutController.Policies;
using RolloutController.Rollouts;
using static RolloutController.TestUtilities.Builders.Readings;

namespace RolloutController.UnitTests.Analysis;

/// <summary>Comparison, sequential and per-segment guardrails from readings to measurements; bad input is a verdict.</summary>
public sealed class GuardrailAnalysisTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static RolloutState State(decimal weight = 10m) => RolloutState.New("f", "p", "r", T0) with
    {
        Phase = RolloutPhase.Observing, StageIndex = 1, Weight = weight, StageStartedAt = T0,
    };

    private static IReadOnlyList<Measurement> Run(GuardrailSpec g, GuardrailReadings readings, RolloutState? state = null) =>
        GuardrailAnalysis.Evaluate(TestUtilities.Builders.Policies.Default(guardrails: [g]), g, state ?? State(), readings, T0);

    private static Measurement Single(GuardrailSpec g, GuardrailReadings readings, RolloutState? state = null) =>
        Run(g, readings, state).ShouldHaveSingleItem();

    [Theory]
    [InlineData(0.65, nameof(Verdict.Fail))]
    [InlineData(0.6, nameof(Verdict.Pass))]
    [InlineData(0.3, nameof(Verdict.Pass))]
    public void Relative_comparison_lower_is_better(double canary, string verdict)
    {
        var m = Single(Comparison(Margin.Relative(0.2)), GuardrailReadings.Of(PerCohort(canary, 0.5)));

        m.Verdict.ShouldBe(Enum.Parse<Verdict>(verdict));
        m.Value.ShouldBe(canary);
        m.Threshold.ShouldBe("at most 20% above baseline");
        m.Details.ShouldNotBeNull();
        (m.Details.Method, m.Details.CanaryValue, m.Details.BaselineValue, m.Details.Allowed).ShouldBe(("comparison", canary, 0.5, 0.1));
        m.Query.ShouldBe("q{variant=\"on\"}");
    }

    [Theory]
    [InlineData(0.046, nameof(Verdict.Fail))]
    [InlineData(0.049, nameof(Verdict.Pass))]
    [InlineData(0.07, nameof(Verdict.Pass))]
    public void Absolute_comparison_higher_is_better(double canary, string verdict)
    {
        var g = Comparison(Margin.Absolute(0.002), MetricDirection.HigherIsBetter);

        var m = Single(g, GuardrailReadings.Of(PerCohort(canary, 0.05)));

        m.Verdict.ShouldBe(Enum.Parse<Verdict>(verdict));
        m.Threshold.ShouldBe("at most 0.002 below baseline");
    }

    [Fact]
    public void An_absolute_bound_on_the_canary_fails_even_when_the_comparison_passes()
    {
        var m = Single(Comparison(Margin.Relative(0.2), max: 0.5), GuardrailReadings.Of(PerCohort(0.55, 0.5)));

        m.Verdict.ShouldBe(Verdict.Fail);
        m.Detail.ShouldStartWith("0.55 is above max 0.5; canary 0.55 vs baseline 0.5");
    }

    [Fact]
    public void A_missing_cohort_is_no_data_and_follows_on_no_data()
    {
        Single(Comparison(Margin.Relative(0.2)), GuardrailReadings.Of(PerCohort(0.5, null))).Verdict.ShouldBe(Verdict.NoData);
        var failing = Single(Comparison(Margin.Relative(0.2), onNoData: NoDataAction.Fail), GuardrailReadings.Of(PerCohort(null, 0.5)));
        failing.Verdict.ShouldBe(Verdict.Fail);
        failing.Detail.ShouldBe("no value for the canary (variant=\"on\") (onNoData: fail)");
    }

    [Fact]
    public void Without_a_baseline_at_100_percent_cohorts_are_not_compared()
    {
        Single(Comparison(Margin.Relative(0.2)), GuardrailReadings.Of(PerCohort(9, null)), State(100m)).Verdict.ShouldBe(Verdict.Pass);
        Single(Sequential(), Counts(50, 100, null, null), State(100m)).Detail.ShouldBe("no baseline at 100%: not compared");
    }

    [Fact]
    public void A_grouped_query_ignores_cohorts_the_policy_does_not_name_and_says_so()
    {
        var m = Single(Comparison(Margin.Relative(0.2)), GuardrailReadings.Of(Grouped(
            Series(0.5, ("variant", "on")), Series(0.5, ("variant", "off")), Series(9, ("variant", "beta")), Series(9))));

        m.Verdict.ShouldBe(Verdict.Pass);
        m.Detail.ShouldEndWith("(ignored series of cohorts the policy does not name: variant=\"\", variant=\"beta\")");
    }

    [Fact]
    public void A_grouped_query_naming_neither_cohort_is_no_data()
    {
        var m = Single(Comparison(Margin.Relative(0.2)), GuardrailReadings.Of(Grouped(Series(1, ("variant", "true")), Series(1, ("variant", "false")))));

        m.Verdict.ShouldBe(Verdict.NoData);
        m.Detail.ShouldContain("variant=\"false\", variant=\"true\"");
    }

    [Fact]
    public void Sequential_passes_when_no_harm_is_established()
    {
        var m = Single(Sequential(), Counts(100, 10_000, 200, 20_000));

        m.Verdict.ShouldBe(Verdict.Pass);
        var d = m.Details.ShouldNotBeNull();
        (d.Method, d.CanaryEvents, d.CanaryTrials, d.BaselineEvents, d.BaselineTrials).ShouldBe(("sequential", 100L, 10_000L, 200L, 20_000L));
        d.Difference.ShouldBe(0);
        d.LowerBound.ShouldNotBeNull().ShouldBeLessThan(0);
        d.UpperBound.ShouldBeNull("the one-sided sequence is open above");
        d.Alpha.ShouldBe(0.05 / 3, "split across the three default stages with a baseline");
    }

    [Fact]
    public void Sequential_fails_when_harm_is_established_and_shows_the_bound()
    {
        var m = Single(Sequential(), Counts(150, 5_000, 100, 10_000));

        m.Verdict.ShouldBe(Verdict.Fail);
        m.Detail.ShouldContain("harm established");
        m.Details!.LowerBound.ShouldNotBeNull().ShouldBeGreaterThan(0);
        m.Value.ShouldBe(0.03);
    }

    [Fact]
    public void Sequential_higher_is_better_fails_on_a_drop()
    {
        var m = Single(Sequential(direction: MetricDirection.HigherIsBetter), Counts(300, 10_000, 1_000, 20_000));

        m.Verdict.ShouldBe(Verdict.Fail);
        m.Details!.UpperBound.ShouldNotBeNull().ShouldBeLessThan(0);
    }

    [Theory]
    [InlineData(1, 50, 2, 100, nameof(Verdict.Inconclusive), "need 100 trials per cohort; canary has 50, baseline 100")]
    [InlineData(0, 0, 0, 0, nameof(Verdict.Inconclusive), "need 100 trials per cohort; canary has 0, baseline 0")]
    [InlineData(-3, 500, 5, 500, nameof(Verdict.Error), "canary: events is negative (-3)")]
    [InlineData(5, 500, 600, 500, nameof(Verdict.Error), "baseline: events (600) exceed trials (500)")]
    public void Sequential_bad_or_small_counts_are_defined_outcomes(double onEvents, double onTrials, double offEvents, double offTrials, string verdict, string detail)
    {
        var m = Single(Sequential(), Counts(onEvents, onTrials, offEvents, offTrials));

        m.Verdict.ShouldBe(Enum.Parse<Verdict>(verdict));
        m.Detail.ShouldBe(detail);
    }

    [Fact]
    public void Sequential_counts_from_increase_are_rounded_and_not_finite_counts_are_missing()
    {
        Single(Sequential(), Counts(100.4, 10_000.6, 200, 20_000)).Details!.CanaryTrials.ShouldBe(10_001);
        Single(Sequential(), Counts(double.NaN, 10_000, 200, 20_000)).Verdict.ShouldBe(Verdict.NoData);
    }

    [Fact]
    public void A_failed_query_is_one_error_naming_the_query()
    {
        var m = Single(Sequential(), new GuardrailReadings(PerCohort(1, 1), [Failed("Prometheus error (bad_data, HTTP 400): parse error")]));

        (m.Verdict, m.Query, m.Detail).ShouldBe((Verdict.Error, "broken", "Prometheus error (bad_data, HTTP 400): parse error"));
    }

    [Fact]
    public void Per_segment_guardrails_judge_every_segment_and_name_it()
    {
        var ms = Run(PerPlan(), GuardrailReadings.Of(OnTraffic(Series(0.2, ("plan", "free")), Series(0.01, ("plan", "pro")))));

        ms.Select(m => (m.Segment, m.Verdict, m.StreakKey)).ShouldBe([
            ("plan=\"free\"", Verdict.Fail, "plan-errors [plan=\"free\"]"),
            ("plan=\"pro\"", Verdict.Pass, "plan-errors [plan=\"pro\"]"),
        ]);
        ms[0].Detail.ShouldBe("plan=\"free\": 0.2 is above max 0.05");
    }

    [Fact]
    public void A_segment_at_positive_infinity_breaks_a_max_and_a_NaN_segment_is_no_data()
    {
        var ms = Run(PerPlan(), GuardrailReadings.Of(OnTraffic(Series(double.PositiveInfinity, ("plan", "free")), Series(double.NaN, ("plan", "pro")))));

        ms.Select(m => (m.Segment, m.Verdict)).ShouldBe([("plan=\"free\"", Verdict.Fail), ("plan=\"pro\"", Verdict.NoData)]);
        ms[0].Detail.ShouldBe("plan=\"free\": +Inf is above max 0.05");
        ms[0].Value.ShouldBe(double.PositiveInfinity);
    }

    [Fact]
    public void A_comparison_with_an_infinite_canary_fails_and_an_infinite_baseline_passes()
    {
        var worse = Single(Comparison(Margin.Relative(0.2)), GuardrailReadings.Of(PerCohort(double.PositiveInfinity, 0.5)));
        (worse.Verdict, worse.Value, worse.Detail).ShouldBe((Verdict.Fail, double.PositiveInfinity, "canary +Inf vs baseline 0.5: worse beyond any margin (20.0 % of baseline)"));
        worse.Details!.CanaryValue.ShouldBeNull("JSON has no infinity; the value and the detail carry it");

        Single(Comparison(Margin.Relative(0.2)), GuardrailReadings.Of(PerCohort(0.5, double.PositiveInfinity))).Verdict.ShouldBe(Verdict.Pass);
        Single(Comparison(Margin.Relative(0.2)), GuardrailReadings.Of(PerCohort(double.PositiveInfinity, double.PositiveInfinity))).Verdict.ShouldBe(Verdict.NoData);
    }

    [Fact]
    public void A_comparison_without_a_baseline_still_fails_an_infinite_canary_above_its_max()
    {
        var m = Single(Comparison(Margin.Relative(0.2), max: 0.5), GuardrailReadings.Of(PerCohort(double.PositiveInfinity, null)), State(100m));

        (m.Verdict, m.Detail).ShouldBe((Verdict.Fail, "+Inf is above max 0.5 (no baseline at 100%: not compared with the baseline)"));
        Single(Comparison(Margin.Relative(0.2)), GuardrailReadings.Of(PerCohort(double.PositiveInfinity, null)), State(100m)).Verdict.ShouldBe(Verdict.Pass);
    }

    [Fact]
    public void Excluded_segments_are_not_measured_any_more()
    {
        var state = State() with
        {
            ExcludedSegments = [new ExcludedSegment("plan-errors", Segment.Of(("plan", "free")), 1, "bad", T0)],
        };

        Run(PerPlan(), GuardrailReadings.Of(OnTraffic(Series(0.2, ("plan", "free")), Series(0.01, ("plan", "pro")))), state)
            .ShouldHaveSingleItem().Segment.ShouldBe("plan=\"pro\"");
        Run(PerPlan(), GuardrailReadings.Of(OnTraffic(Series(0.2, ("plan", "free")))), state)
            .ShouldHaveSingleItem().Detail.ShouldBe("every segment returned is excluded from the rollout");
    }

    [Fact]
    public void Two_series_for_one_segment_are_an_error_that_says_how_to_aggregate() =>
        Single(PerPlan(), GuardrailReadings.Of(OnTraffic(Series(0.2, ("plan", "free"), ("pod", "a")), Series(0.1, ("plan", "free"), ("pod", "b")))))
            .Detail.ShouldBe("query returned several series for cohort on, plan=\"free\" where one is expected; aggregate them, e.g. sum by (plan) (…)");

    [Fact]
    public void A_per_segment_comparison_compares_each_segment_with_its_own_baseline()
    {
        var g = Comparison(Margin.Relative(0.2)) with { By = ["plan"] };
        var ms = Run(g, GuardrailReadings.Of(Grouped(
            Series(0.9, ("variant", "on"), ("plan", "free")), Series(0.5, ("variant", "off"), ("plan", "free")),
            Series(0.5, ("variant", "on"), ("plan", "pro")), Series(0.5, ("variant", "off"), ("plan", "pro")))));

        ms.Select(m => (m.Segment, m.Verdict)).ShouldBe([("plan=\"free\"", Verdict.Fail), ("plan=\"pro\"", Verdict.Pass)]);
    }

    [Fact]
    public void Segments_round_trip_through_their_text()
    {
        var segment = Segment.Of(("region", "eu\"west,1"), ("plan", "free=yes"));
        segment.ToString().ShouldBe("plan=\"free=yes\",region=\"eu\\\"west,1\"");
        Segment.TryParse(segment.ToString(), out var parsed).ShouldBeTrue();
        parsed.ShouldBe(segment);
        Segment.TryParse("plan=free", out _).ShouldBeFalse();
    }
}
