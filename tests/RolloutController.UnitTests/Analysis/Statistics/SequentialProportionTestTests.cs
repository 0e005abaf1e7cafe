using RolloutController.Analysis;
using RolloutController.Analysis.Statistics;

namespace RolloutController.UnitTests.Analysis.Statistics;

public sealed class SequentialProportionTestTests
{
    private static readonly SequentialTestOptions Options = SequentialTestOptions.Default;

    private static ProportionComparison Errors(CohortCounts? control, CohortCounts? treatment, Margin? margin = null, SequentialTestOptions? options = null) =>
        SequentialProportionTest.Compare(control, treatment, MetricDirection.LowerIsBetter, margin ?? Margin.None, options ?? Options);

    [Fact]
    public void Error_rate_tripling_fails_with_the_numbers_on_the_result()
    {
        var r = Errors(new(100, 10_000), new(150, 5_000));

        r.Outcome.ShouldBe(ComparisonOutcome.Fail);
        r.Verdict.ShouldBe(Verdict.Fail);
        r.ControlRate.ShouldBe(0.01, 1e-15);
        r.TreatmentRate.ShouldBe(0.03, 1e-15);
        r.Difference.ShouldBe(0.02, 1e-15);
        r.HalfWidth.ShouldBe(0.00740275280566371, 1e-14);
        r.LowerBound.ShouldBe(0.012597247194336287, 1e-14);
        r.UpperBound.ShouldBe(double.PositiveInfinity);
        r.HarmThreshold.ShouldBe(0);
        r.Detail.ShouldContain("harm established");
        r.Detail.ShouldContain("150/5000");
    }

    [Fact]
    public void Equal_rates_pass()
    {
        var r = Errors(new(100, 10_000), new(50, 5_000));
        r.Outcome.ShouldBe(ComparisonOutcome.Pass);
        r.LowerBound.ShouldBeLessThan(0);
    }

    [Fact]
    public void Improvement_never_fails_in_the_harmful_direction_only_test()
    {
        Errors(new(300, 10_000), new(0, 5_000)).Outcome.ShouldBe(ComparisonOutcome.Pass);
    }

    [Fact]
    public void Conversion_drop_is_judged_on_the_upper_bound()
    {
        // 5 % → 4 %: the pooled variance is the larger here; the upper bound is +0.036 pp, so no harm yet.
        var r = SequentialProportionTest.Compare(new(500, 10_000), new(200, 5_000), MetricDirection.HigherIsBetter, Margin.None, Options);
        r.Outcome.ShouldBe(ComparisonOutcome.Pass);
        r.HalfWidth.ShouldBe(0.010363491574418677, 1e-14);
        r.UpperBound.ShouldBe(0.0003634915744186746, 1e-14);
        r.LowerBound.ShouldBe(double.NegativeInfinity);

        var worse = SequentialProportionTest.Compare(new(500, 10_000), new(190, 5_000), MetricDirection.HigherIsBetter, Margin.None, Options);
        worse.Outcome.ShouldBe(ComparisonOutcome.Fail);
        worse.UpperBound.ShouldBeLessThan(0);
    }

    [Fact]
    public void Absolute_margin_tolerates_a_difference_the_test_can_see()
    {
        // Lower bound ≈ +1.26 pp: harm beyond 1 pp is established, beyond 2 pp is not.
        Errors(new(100, 10_000), new(150, 5_000), Margin.Absolute(0.01)).Outcome.ShouldBe(ComparisonOutcome.Fail);
        var tolerant = Errors(new(100, 10_000), new(150, 5_000), Margin.Absolute(0.02));
        tolerant.Outcome.ShouldBe(ComparisonOutcome.Pass);
        tolerant.HarmThreshold.ShouldBe(0.02);
    }

    [Fact]
    public void Relative_margin_scales_with_the_baseline_rate()
    {
        // 100 % of a 1 % baseline = 1 pp (fails); 200 % = 2 pp (passes).
        var strict = Errors(new(100, 10_000), new(150, 5_000), Margin.Relative(1.0));
        strict.HarmThreshold.ShouldBe(0.01, 1e-15);
        strict.Outcome.ShouldBe(ComparisonOutcome.Fail);
        Errors(new(100, 10_000), new(150, 5_000), Margin.Relative(2.0)).Outcome.ShouldBe(ComparisonOutcome.Pass);
    }

    [Fact]
    public void A_small_canary_without_events_does_not_collapse_the_interval()
    {
        // 0 conversions in 150 visits against 5 % in a large baseline: unpooled, the canary's variance would be 0 and
        // the interval ±0.6 pp; pooled it is about ±6 pp, so three bad minutes cannot roll a flag back.
        var r = SequentialProportionTest.Compare(new(742, 14_850), new(0, 150), MetricDirection.HigherIsBetter, Margin.None, Options);
        r.Outcome.ShouldBe(ComparisonOutcome.Pass);
        r.HalfWidth.ShouldBeGreaterThan(0.05);
    }

    [Fact]
    public void Zero_variance_cohorts_are_judged_without_dividing_by_zero()
    {
        Errors(new(0, 1_000), new(0, 1_000)).Outcome.ShouldBe(ComparisonOutcome.Pass);
        Errors(new(0, 1_000), new(1_000, 1_000)).Outcome.ShouldBe(ComparisonOutcome.Fail);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Missing_cohort_is_no_data(bool controlMissing, bool treatmentMissing)
    {
        var r = Errors(controlMissing ? null : new(1, 1_000), treatmentMissing ? null : new(1, 1_000));
        r.Outcome.ShouldBe(ComparisonOutcome.MissingCohort);
        r.Verdict.ShouldBe(Verdict.NoData);
        double.IsNaN(r.Difference).ShouldBeTrue();
    }

    [Theory]
    [InlineData(-1, 100)]
    [InlineData(5, -100)]
    [InlineData(101, 100)]
    public void Impossible_counts_are_invalid_input(long events, long trials)
    {
        var r = Errors(new(1, 1_000), new(events, trials));
        r.Outcome.ShouldBe(ComparisonOutcome.InvalidInput);
        r.Verdict.ShouldBe(Verdict.Error);
        r.Detail.ShouldContain("canary");
    }

    [Fact]
    public void Zero_trials_is_not_enough_data()
    {
        var r = Errors(new(0, 0), new(0, 1_000));
        r.Outcome.ShouldBe(ComparisonOutcome.NotEnoughData);
        r.Verdict.ShouldBe(Verdict.Inconclusive);
    }

    [Fact]
    public void Below_the_minimum_sample_is_not_enough_data_even_when_blatant()
    {
        Errors(new(0, 10_000), new(99, 99)).Outcome.ShouldBe(ComparisonOutcome.NotEnoughData);
        Errors(new(0, 10_000), new(10, 10), options: Options with { MinTrialsPerCohort = 10 }).Outcome.ShouldBe(ComparisonOutcome.Fail);
    }

    [Fact]
    public void Bad_options_and_margin_are_listed_together()
    {
        var r = Errors(new(1, 1_000), new(1, 1_000), Margin.Absolute(-0.1), new SequentialTestOptions(Alpha: 0.5, TuningSampleSize: 0, MinTrialsPerCohort: 0));
        r.Outcome.ShouldBe(ComparisonOutcome.InvalidInput);
        r.Detail.ShouldContain("alpha");
        r.Detail.ShouldContain("tuningSampleSize");
        r.Detail.ShouldContain("minTrialsPerCohort");
        r.Detail.ShouldContain("margin");
    }

    [Fact]
    public void Stage_alpha_divides_the_budget_over_stages_with_a_baseline()
    {
        StageAlpha.PerComparableStage(0.05, [1m, 10m, 50m, 100m]).ShouldBe(0.05 / 3, 1e-15);
        StageAlpha.PerComparableStage(0.05, [100m]).ShouldBe(0.05);
        StageAlpha.PerComparableStage(0.05, [0m, 25m, 100m]).ShouldBe(0.05);
    }
}
