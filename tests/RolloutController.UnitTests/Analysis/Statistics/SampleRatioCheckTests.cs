using RolloutController.Analysis.Statistics;

namespace RolloutController.UnitTests.Analysis.Statistics;

public sealed class SampleRatioCheckTests
{
    [Fact]
    public void Known_chi_square_and_p_value()
    {
        // (5100 − 5000)²/5000 × 2 = 4 → p = erfc(√2) ≈ 0.0455.
        var r = SampleRatioCheck.Evaluate(5_100, 4_900, 0.5, SrmOptions.Default);
        r.Outcome.ShouldBe(SrmOutcome.Balanced);
        r.ExpectedOn.ShouldBe(5_000);
        r.ExpectedOff.ShouldBe(5_000);
        r.ChiSquare.ShouldBe(4, 1e-12);
        r.PValue.ShouldBe(0.045500263896358396, 1e-14);
    }

    [Fact]
    public void Five_percent_skew_at_ten_percent_weight_is_a_mismatch()
    {
        // 10 % configured, 10.5 % served, 100k exposures: χ² ≈ 27.8.
        var r = SampleRatioCheck.Evaluate(10_500, 89_500, 0.1, SrmOptions.Default);
        r.Outcome.ShouldBe(SrmOutcome.Mismatch);
        r.PValue.ShouldBeLessThan(0.001);
        r.Detail.ShouldContain("<");
    }

    [Fact]
    public void Too_few_expected_in_an_arm_is_not_enough_data()
    {
        // 1 % of 700 = 7 expected on.
        SampleRatioCheck.Evaluate(0, 700, 0.01, SrmOptions.Default).Outcome.ShouldBe(SrmOutcome.NotEnoughData);
        SampleRatioCheck.Evaluate(0, 0, 0.5, SrmOptions.Default).Outcome.ShouldBe(SrmOutcome.NotEnoughData);
    }

    [Fact]
    public void Full_or_zero_weight_has_no_split_unless_someone_got_the_absent_arm()
    {
        SampleRatioCheck.Evaluate(1_000, 0, 1, SrmOptions.Default).Outcome.ShouldBe(SrmOutcome.NotApplicable);
        SampleRatioCheck.Evaluate(0, 1_000, 0, SrmOptions.Default).Outcome.ShouldBe(SrmOutcome.NotApplicable);
        var stray = SampleRatioCheck.Evaluate(1, 1_000, 0, SrmOptions.Default);
        stray.Outcome.ShouldBe(SrmOutcome.Mismatch);
        stray.PValue.ShouldBe(0);
    }

    [Theory]
    [InlineData(-1, 10, 0.5)]
    [InlineData(10, -1, 0.5)]
    [InlineData(10, 10, 1.5)]
    [InlineData(10, 10, double.NaN)]
    public void Bad_input_is_an_outcome(long on, long off, double share) =>
        SampleRatioCheck.Evaluate(on, off, share, SrmOptions.Default).Outcome.ShouldBe(SrmOutcome.InvalidInput);

    [Fact]
    public void Bad_options_are_an_outcome()
    {
        var r = SampleRatioCheck.Evaluate(10, 10, 0.5, new SrmOptions(PValueThreshold: 0, MinExpectedPerArm: -1));
        r.Outcome.ShouldBe(SrmOutcome.InvalidInput);
        r.Detail.ShouldContain("pValueThreshold");
        r.Detail.ShouldContain("minExpectedPerArm");
    }
}
