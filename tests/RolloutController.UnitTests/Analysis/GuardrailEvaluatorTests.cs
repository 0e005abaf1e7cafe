using RolloutController.Analysis;
using RolloutController.Policies;

namespace RolloutController.UnitTests.Analysis;

public sealed class GuardrailEvaluatorTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly GuardrailSpec ErrorRate = new("error-rate", "q", Max: 0.01, Min: null);
    private static readonly GuardrailSpec Conversion = new("conversion", "q", Max: null, Min: 0.03);

    private static Measurement Judge(GuardrailSpec g, QueryOutcome outcome) => GuardrailEvaluator.Evaluate(g, "rendered", outcome, At);

    [Theory]
    [InlineData(0.0, "Pass")]
    [InlineData(0.01, "Pass")]
    [InlineData(0.0100001, "Fail")]
    public void Max_bounds_from_above(double value, string verdict) =>
        Judge(ErrorRate, QueryOutcome.Of(value)).Verdict.ToString().ShouldBe(verdict);

    [Theory]
    [InlineData(0.03, "Pass")]
    [InlineData(0.0299, "Fail")]
    public void Min_bounds_from_below(double value, string verdict) =>
        Judge(Conversion, QueryOutcome.Of(value)).Verdict.ToString().ShouldBe(verdict);

    [Fact]
    public void A_failure_says_by_how_much_and_keeps_the_query()
    {
        var m = Judge(ErrorRate, QueryOutcome.Of(0.034));
        (m.Verdict, m.Value, m.Threshold, m.Query, m.At).ShouldBe((Verdict.Fail, 0.034, "max 0.01", "rendered", At));
        m.Detail.ShouldBe("0.034 is above max 0.01");
    }

    [Fact]
    public void Both_bounds_are_described() =>
        GuardrailEvaluator.Describe(new GuardrailSpec("g", "q", Max: 0.5, Min: 0.1)).ShouldBe("min 0.1, max 0.5");

    [Fact]
    public void NaN_is_no_data_never_a_pass()
    {
        var m = Judge(ErrorRate, QueryOutcome.Of(double.NaN));
        m.Verdict.ShouldBe(Verdict.NoData);
        m.Detail.ShouldBe("sample is NaN");
    }

    // histogram_quantile(φ > 1, ...), x / 0 with x > 0, an exported +Inf: a value beyond every bound on its side.
    [Fact]
    public void Positive_infinity_above_a_max_fails_with_the_value()
    {
        var m = Judge(ErrorRate, QueryOutcome.Of(double.PositiveInfinity));
        (m.Verdict, m.Value, m.Detail).ShouldBe((Verdict.Fail, double.PositiveInfinity, "+Inf is above max 0.01"));
    }

    [Fact]
    public void Negative_infinity_below_a_min_fails_with_the_value()
    {
        var m = Judge(Conversion, QueryOutcome.Of(double.NegativeInfinity));
        (m.Verdict, m.Value, m.Detail).ShouldBe((Verdict.Fail, double.NegativeInfinity, "-Inf is below min 0.03"));
    }

    [Fact]
    public void Positive_infinity_against_only_a_min_passes() =>
        Judge(Conversion, QueryOutcome.Of(double.PositiveInfinity)).Verdict.ShouldBe(Verdict.Pass);

    [Fact]
    public void Negative_infinity_against_only_a_max_passes() =>
        Judge(ErrorRate, QueryOutcome.Of(double.NegativeInfinity)).Verdict.ShouldBe(Verdict.Pass);

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf is above max 0.5")]
    [InlineData(double.NegativeInfinity, "-Inf is below min 0.1")]
    public void An_infinity_outside_either_of_two_bounds_fails(double value, string detail)
    {
        var m = Judge(new GuardrailSpec("g", "q", Max: 0.5, Min: 0.1), QueryOutcome.Of(value));
        (m.Verdict, m.Detail).ShouldBe((Verdict.Fail, detail));
    }

    [Fact]
    public void An_infinity_beyond_the_bound_is_a_fail_whatever_onNoData_says()
    {
        var m = Judge(ErrorRate with { OnNoData = NoDataAction.Pass }, QueryOutcome.Of(double.PositiveInfinity));
        m.Verdict.ShouldBe(Verdict.Fail);
    }

    [Fact]
    public void An_empty_vector_is_no_data() => Judge(ErrorRate, QueryOutcome.Empty()).Verdict.ShouldBe(Verdict.NoData);

    [Fact]
    public void Several_series_where_one_is_expected_is_an_error_that_says_how_to_fix_it()
    {
        var m = Judge(ErrorRate, QueryOutcome.Multiple(3));
        m.Verdict.ShouldBe(Verdict.Error);
        m.Detail.ShouldContain("3 series");
    }

    [Fact]
    public void A_failed_query_is_an_error_with_the_backend_message()
    {
        var m = Judge(ErrorRate, QueryOutcome.Failed("cannot reach Prometheus: connection refused"));
        (m.Verdict, m.Detail).ShouldBe((Verdict.Error, "cannot reach Prometheus: connection refused"));
    }

    [Theory]
    [InlineData("Fail", "Fail")]
    [InlineData("Pass", "Pass")]
    [InlineData("Hold", "NoData")]
    public void OnNoData_decides_what_missing_data_counts_as(string onNoData, string verdict)
    {
        var g = ErrorRate with { OnNoData = Enum.Parse<NoDataAction>(onNoData) };
        var m = Judge(g, QueryOutcome.Empty());
        m.Verdict.ToString().ShouldBe(verdict);
        m.Value.ShouldBeNull();
    }

    [Fact]
    public void OnNoData_never_turns_an_error_into_a_pass() =>
        Judge(ErrorRate with { OnNoData = NoDataAction.Pass }, QueryOutcome.Failed("timeout")).Verdict.ShouldBe(Verdict.Error);
}
