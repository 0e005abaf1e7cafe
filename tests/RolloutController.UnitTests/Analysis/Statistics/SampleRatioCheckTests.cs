using RolloutController.Analysis.Statistics;

namespace RolloutController.UnitTests.Analysis.Statistics;

public sealed class SampleRatioCheckTests
{
    [Fact]
    public void Known_chi_square_bayes_factor_and_p_values()
    {
        // (5100 − 5000)²/5000 × 2 = 4 → fixed-horizon p = erfc(√2) ≈ 0.0455; ln BF (Python math.lgamma) = −0.3295 → p = 1.
        var r = SampleRatioCheck.Evaluate(5_100, 4_900, 0.5, SrmOptions.Default);
        r.Outcome.ShouldBe(SrmOutcome.Balanced);
        r.ExpectedOn.ShouldBe(5_000);
        r.ExpectedOff.ShouldBe(5_000);
        r.ChiSquare.ShouldBe(4, 1e-12);
        r.ChiSquarePValue.ShouldBe(0.045500263896358396, 1e-14);
        r.LogBayesFactor.ShouldBe(-0.32951190155290533, 1e-9);
        r.PValue.ShouldBe(1);
    }

    [Fact]
    public void Five_percent_skew_at_ten_percent_weight_is_a_mismatch()
    {
        // 10 % configured, 10.5 % served, 100k exposures: χ² ≈ 27.8; ln BF = 10.19 → p = 3.75e-5.
        var r = SampleRatioCheck.Evaluate(10_500, 89_500, 0.1, SrmOptions.Default);
        r.Outcome.ShouldBe(SrmOutcome.Mismatch);
        r.PValue.ShouldBe(3.7531437364346945e-05, 1e-12);
        r.Detail.ShouldContain("sequential p 3.753E-05 ≤ 0.001");
        r.Detail.ShouldContain("χ² 27.78");
    }

    [Fact]
    public void A_split_the_fixed_horizon_test_would_flag_is_not_yet_a_sequential_mismatch()
    {
        // 5173 / 4827 at 50 %: χ² = 11.97, fixed-horizon p = 0.00054 < 0.001; ln BF = 3.618 → sequential p = 0.0268.
        var r = SampleRatioCheck.Evaluate(5_173, 4_827, 0.5, SrmOptions.Default);
        r.ChiSquarePValue.ShouldBeLessThan(0.001);
        r.PValue.ShouldBe(0.026829691728341057, 1e-12);
        r.Outcome.ShouldBe(SrmOutcome.Balanced);
    }

    [Fact]
    public void The_threshold_is_the_alpha_of_the_bayes_factor_bound()
    {
        // ln BF = 3.618: BF = 37.3 ≥ 1/0.05 = 20, < 1/0.01.
        SampleRatioCheck.Evaluate(5_173, 4_827, 0.5, new SrmOptions(PValueThreshold: 0.05)).Outcome.ShouldBe(SrmOutcome.Mismatch);
        SampleRatioCheck.Evaluate(5_173, 4_827, 0.5, new SrmOptions(PValueThreshold: 0.01)).Outcome.ShouldBe(SrmOutcome.Balanced);
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
        var r = SampleRatioCheck.Evaluate(10, 10, 0.5, new SrmOptions(PValueThreshold: 0, MinExpectedPerArm: -1, Concentration: 0));
        r.Outcome.ShouldBe(SrmOutcome.InvalidInput);
        r.Detail.ShouldContain("pValueThreshold");
        r.Detail.ShouldContain("minExpectedPerArm");
        r.Detail.ShouldContain("concentration");
    }
}
