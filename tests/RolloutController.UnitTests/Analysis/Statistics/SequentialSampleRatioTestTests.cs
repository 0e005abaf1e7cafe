using RolloutController.Analysis.Statistics;

namespace RolloutController.UnitTests.Analysis.Statistics;

/// <summary>
/// Reference values computed independently with Python's <c>math.lgamma</c>:
/// ln BF = lgamma(k) − lgamma(k + n) + Σ [lgamma(k·p_i + n_i) − lgamma(k·p_i) − n_i·ln p_i].
/// </summary>
public sealed class SequentialSampleRatioTestTests
{
    [Theory]
    [InlineData(5_100, 4_900, 0.5, 100, -0.32951190155290533)]
    [InlineData(10_500, 89_500, 0.1, 100, 10.190331646474078)]
    [InlineData(5_250, 4_750, 0.5, 100, 10.072489233702072)]
    [InlineData(5_173, 4_827, 0.5, 100, 3.618246104422724)]
    [InlineData(60, 40, 0.5, 100, 0.6588918180465271)]
    [InlineData(60, 40, 0.5, 1_000, 0.13431580029970291)]
    [InlineData(3, 97, 0.01, 100, 0.03438221172905287)]
    public void Known_log_bayes_factors(long on, long off, double share, double k, double expected) =>
        SequentialSampleRatioTest.LogBayesFactor(on, off, share, k).ShouldBe(expected, 1e-9);

    [Fact]
    public void Large_counts_keep_their_precision()
    {
        // 100 million exposures, 50.05 % on: lgamma terms near 1.7e9 cancel to 43.09.
        SequentialSampleRatioTest.LogBayesFactor(50_050_000, 49_950_000, 0.5).ShouldBe(43.08970308303833, 1e-5);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.01)]
    [InlineData(0.9)]
    public void It_starts_at_one_and_one_observation_leaves_it_at_one(double share)
    {
        // BF_0 = 1, and after one draw the prior mean of the drawn arm's share is exactly its configured share.
        SequentialSampleRatioTest.LogBayesFactor(0, 0, share).ShouldBe(0, 1e-12);
        SequentialSampleRatioTest.LogBayesFactor(1, 0, share).ShouldBe(0, 1e-12);
        SequentialSampleRatioTest.LogBayesFactor(0, 1, share).ShouldBe(0, 1e-12);
    }

    [Theory]
    [InlineData(40, 60, 0.5)]
    [InlineData(3, 250, 0.01)]
    [InlineData(130, 870, 0.1)]
    public void It_is_a_martingale_under_the_configured_split(long on, long off, double share)
    {
        // E[BF_{n+1} | BF_n] = p·BF(on + 1, off) + (1 − p)·BF(on, off + 1) = BF_n: what makes Ville's inequality apply.
        static double Bf(long a, long b, double p) => Math.Exp(SequentialSampleRatioTest.LogBayesFactor(a, b, p));
        var next = share * Bf(on + 1, off, share) + (1 - share) * Bf(on, off + 1, share);
        next.ShouldBe(Bf(on, off, share), 1e-9 * Bf(on, off, share));
    }

    [Fact]
    public void The_p_value_is_the_reciprocal_capped_at_one()
    {
        SequentialSampleRatioTest.PValue(Math.Log(1_000)).ShouldBe(0.001, 1e-15);
        SequentialSampleRatioTest.PValue(-2).ShouldBe(1);
        SequentialSampleRatioTest.PValue(10.190331646474078).ShouldBe(3.7531437364346945e-05, 1e-15);
        SequentialSampleRatioTest.PValue(double.NaN).ShouldBe(double.NaN);
    }

    [Theory]
    [InlineData(-1, 10, 0.5, 100)]
    [InlineData(10, -1, 0.5, 100)]
    [InlineData(10, 10, 0, 100)]
    [InlineData(10, 10, 1, 100)]
    [InlineData(10, 10, double.NaN, 100)]
    [InlineData(10, 10, 0.5, 0)]
    [InlineData(10, 10, 0.5, double.PositiveInfinity)]
    public void Arguments_out_of_range_give_nan(long on, long off, double share, double k) =>
        SequentialSampleRatioTest.LogBayesFactor(on, off, share, k).ShouldBe(double.NaN);
}
