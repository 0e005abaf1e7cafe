using RolloutController.Analysis.Statistics;

namespace RolloutController.UnitTests.Analysis.Statistics;

public sealed class ScalarComparatorTests
{
    [Theory]
    [InlineData(100, 119, false)]
    [InlineData(100, 120, false)]
    [InlineData(100, 121, true)]
    [InlineData(100, 50, false)]
    public void Max_increase_twenty_percent_lower_is_better(double baseline, double canary, bool fails) =>
        ScalarComparator.Compare(baseline, canary, MetricDirection.LowerIsBetter, Margin.Relative(0.2)).Outcome.ShouldBe(fails ? ComparisonOutcome.Fail : ComparisonOutcome.Pass);

    [Theory]
    [InlineData(0.05, 0.049, false)]
    [InlineData(0.05, 0.047, true)]
    [InlineData(0.05, 0.09, false)]
    public void Max_difference_absolute_higher_is_better(double baseline, double canary, bool fails) =>
        ScalarComparator.Compare(baseline, canary, MetricDirection.HigherIsBetter, Margin.Absolute(0.002)).Outcome.ShouldBe(fails ? ComparisonOutcome.Fail : ComparisonOutcome.Pass);

    [Fact]
    public void Result_carries_the_numbers()
    {
        var r = ScalarComparator.Compare(200, 260, MetricDirection.LowerIsBetter, Margin.Relative(0.2));
        r.Worsening.ShouldBe(60);
        r.RelativeWorsening.ShouldBe(0.3, 1e-15);
        r.Allowed.ShouldBe(40);
        r.Detail.ShouldContain("more than");
    }

    [Fact]
    public void Relative_limit_on_a_zero_baseline_allows_no_worsening()
    {
        ScalarComparator.Compare(0, 0, MetricDirection.LowerIsBetter, Margin.Relative(0.2)).Outcome.ShouldBe(ComparisonOutcome.Pass);
        ScalarComparator.Compare(0, 0.001, MetricDirection.LowerIsBetter, Margin.Relative(0.2)).Outcome.ShouldBe(ComparisonOutcome.Fail);
    }

    [Theory]
    [InlineData(double.NaN, 1)]
    [InlineData(1, double.NaN)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, double.NegativeInfinity)]
    public void NaN_or_the_same_infinity_on_both_sides_is_a_missing_cohort(double baseline, double canary) =>
        ScalarComparator.Compare(baseline, canary, MetricDirection.LowerIsBetter, Margin.Relative(0.2)).Outcome.ShouldBe(ComparisonOutcome.MissingCohort);

    // An infinity compares by order alone: no margin makes up an infinite difference, and none is needed to see an infinite gain.
    [Theory]
    [InlineData(1, double.PositiveInfinity, false, "Fail")]
    [InlineData(1, double.NegativeInfinity, false, "Pass")]
    [InlineData(double.PositiveInfinity, 1, false, "Pass")]
    [InlineData(double.NegativeInfinity, 1, false, "Fail")]
    [InlineData(1, double.NegativeInfinity, true, "Fail")]
    [InlineData(1, double.PositiveInfinity, true, "Pass")]
    [InlineData(double.PositiveInfinity, 1, true, "Fail")]
    [InlineData(double.NegativeInfinity, double.PositiveInfinity, false, "Fail")]
    public void An_infinity_fails_on_the_worse_side_and_passes_on_the_better(double baseline, double canary, bool higherIsBetter, string outcome)
    {
        var direction = higherIsBetter ? MetricDirection.HigherIsBetter : MetricDirection.LowerIsBetter;
        foreach (var margin in new[] { Margin.Relative(0.2), Margin.Relative(0), Margin.Absolute(1e300) })
            ScalarComparator.Compare(baseline, canary, direction, margin).Outcome.ToString().ShouldBe(outcome, margin.ToString());
    }

    [Fact]
    public void An_infinite_canary_says_so_in_prometheus_spelling()
    {
        var r = ScalarComparator.Compare(0.25, double.PositiveInfinity, MetricDirection.LowerIsBetter, Margin.Relative(0.2));
        r.Detail.ShouldBe("canary +Inf vs baseline 0.25: worse beyond any margin (20.0 % of baseline)");
        r.Worsening.ShouldBe(double.PositiveInfinity);
        double.IsNaN(r.Allowed).ShouldBeTrue();
    }

    [Fact]
    public void Negative_limit_is_invalid_input() =>
        ScalarComparator.Compare(1, 1, MetricDirection.LowerIsBetter, Margin.Absolute(-1)).Outcome.ShouldBe(ComparisonOutcome.InvalidInput);
}
