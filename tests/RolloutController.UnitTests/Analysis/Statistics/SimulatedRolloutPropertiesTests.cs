using RolloutController.DecisionHarness;

namespace RolloutController.UnitTests.Analysis.Statistics;

/// <summary>
/// Statistical properties of the decision rules over simulated rollouts (default ramp, hourly checks, 1,000 requests per
/// minute). Fixed seeds make them deterministic; the bounds are wide enough to hold for other seeds as well.
/// </summary>
public sealed class SimulatedRolloutPropertiesTests
{
    private const int Runs = 500;
    private const double Traffic = 1_000;
    private const ulong Seed = 7;
    private static readonly SimulationSettings Settings = SimulationSettings.Default;

    private static ScenarioResult Simulate(Scenario scenario) => SimulationRunner.Run([scenario], Settings, Runs, Seed)[0];

    [Fact]
    public void Sequential_test_keeps_false_rollbacks_within_alpha_while_the_naive_rule_does_not()
    {
        var bound = Settings.RolloutAlpha + 3 * Math.Sqrt(Settings.RolloutAlpha * (1 - Settings.RolloutAlpha) / Runs);
        foreach (var scenario in new[] { ScenarioCatalog.AaErrors(Traffic), ScenarioCatalog.AaConversion(Traffic) })
        {
            var r = Simulate(scenario);
            r.Sequential.FiredRate.ShouldBeLessThanOrEqualTo(bound, scenario.Description);
            r.Naive.FiredRate.ShouldBeGreaterThan(0.25, scenario.Description);
        }
    }

    [Fact]
    public void Error_rate_doubling_is_detected_in_the_first_stage()
    {
        var r = Simulate(ScenarioCatalog.ErrorDoubling(Traffic, stage: 0));
        r.Sequential.DetectedRate.ShouldBeGreaterThanOrEqualTo(0.9);
        r.Sequential.P90Hours!.Value.ShouldBeLessThanOrEqualTo(24);
    }

    [Fact]
    public void Conversion_drop_is_detected_by_the_end_of_the_ten_percent_stage()
    {
        var r = Simulate(ScenarioCatalog.ConversionDrop(Traffic, stage: 1));
        r.Sequential.DetectedRate.ShouldBeGreaterThanOrEqualTo(0.9);
        r.Sequential.P90Hours!.Value.ShouldBeLessThanOrEqualTo(48);
    }

    [Fact]
    public void Five_percent_sample_ratio_skew_is_detected_in_the_first_stage()
    {
        var r = Simulate(ScenarioCatalog.SampleRatioSkew(Traffic, stage: 0));
        r.Srm.DetectedRate.ShouldBeGreaterThanOrEqualTo(0.9);
        r.Srm.P90Hours!.Value.ShouldBeLessThanOrEqualTo(24);
    }

    [Fact]
    public void Same_seed_same_report()
    {
        var scenario = ScenarioCatalog.AaConversion(Traffic);
        SimulationRunner.Run([scenario], Settings, 50, Seed)[0].ShouldBe(SimulationRunner.Run([scenario], Settings, 50, Seed)[0]);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(600.0)]
    public void Poisson_sampler_has_the_right_mean_and_variance(double mean)
    {
        var rng = new Xoshiro256(11);
        const int n = 20_000;
        var draws = Enumerable.Range(0, n).Select(_ => (double)PoissonSampler.Next(rng, mean)).ToArray();
        var m = draws.Average();
        var v = draws.Sum(x => (x - m) * (x - m)) / (n - 1);
        Math.Abs(m - mean).ShouldBeLessThan(5 * Math.Sqrt(mean / n));
        (v / mean).ShouldBeInRange(0.9, 1.1);
    }
}
