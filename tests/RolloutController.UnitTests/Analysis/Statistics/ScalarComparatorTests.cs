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
    [InlineData(1, double.PositiveInfinity)]
    public void Non_finite_value_is_a_missing_cohort(double baseline, double canary) =>
        ScalarComparator.Compare(baseline, canary, MetricDirection.LowerIsBetter, Margin.Relative(0.2)).Outcome.ShouldBe(ComparisonOutcome.MissingCohort);

    [Fact]
    public void Negative_limit_is_invalid_input() =>
        ScalarComparator.Compare(1, 1, MetricDirection.LowerIsBetter, Margin.Absolute(-1)).Outcome.ShouldBe(ComparisonOutcome.InvalidInput);
}
