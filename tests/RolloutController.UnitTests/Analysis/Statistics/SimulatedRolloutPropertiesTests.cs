using RolloutController.DecisionHarness;
using RolloutController.Policies;

namespace RolloutController.UnitTests.Analysis.Statistics;

/// <summary>
/// Statistical properties of whole rollouts decided by the controller's decision path (policy YAML through the loader,
/// synthetic Prometheus readings through the analysis, <c>RolloutDecider.Evaluate</c>), default ramp, hourly analysis,
/// 1,000 requests per minute. Fixed seeds make them deterministic; the bounds are wide enough to hold for other seeds.
/// </summary>
public sealed class SimulatedRolloutPropertiesTests
{
    private const int Runs = 200;
    private const double Traffic = 1_000;
    private const ulong Seed = 7;
    private static readonly IReadOnlyList<PolicyTrack> Policies = HarnessPolicies.Load(TimeSpan.FromHours(1));

    private static ScenarioResult Simulate(Scenario scenario, int runs = Runs) => SimulationRunner.Run([scenario], Policies, runs, Seed)[0];

    private static TrackSummary Of(ScenarioResult r, string policy) => r.Policies.Single(p => p.Policy == policy);

    [Fact]
    public void Healthy_rollouts_complete_under_the_sequential_policy_while_the_naive_rule_rolls_many_back()
    {
        var r = Simulate(ScenarioCatalog.AaTest(Traffic));
        var sequential = Of(r, "sequential");
        var naive = Of(r, "naive");

        // Two guardrails, each with a 5 % false-rollback budget over the rollout.
        var alpha = 2 * Policies[0].Policy.Analysis.Guardrails[0].Alpha;
        sequential.Rate(sequential.RolledBack).ShouldBeLessThanOrEqualTo(alpha + 3 * Math.Sqrt(alpha * (1 - alpha) / Runs));
        sequential.Rate(sequential.Completed).ShouldBeGreaterThanOrEqualTo(0.85);
        var ramp = Policies[0].Policy.Stages.Sum(s => s.Hold.TotalHours);
        sequential.MedianCompletionHours.ShouldBe(ramp, "with hourly rounds a healthy rollout advances the round its hold ends");
        naive.Rate(naive.RolledBack).ShouldBeGreaterThan(0.25);
    }

    [Fact]
    public void Healthy_rollouts_are_paused_for_a_sample_ratio_mismatch_in_at_most_about_alpha_per_stage()
    {
        var sequential = Of(Simulate(ScenarioCatalog.AaTest(Traffic)), "sequential");

        // The sequential SRM test keeps P(ever a mismatch) ≤ alpha per stage; three stages have a split to check.
        var alpha = 3 * Policies[0].Policy.Analysis.SampleRatio!.PValueThreshold;
        sequential.Rate(sequential.SrmPaused).ShouldBeLessThanOrEqualTo(alpha + 3 * Math.Sqrt(alpha * (1 - alpha) / Runs));
    }

    [Fact]
    public void Error_rate_doubling_is_rolled_back_in_the_first_stage()
    {
        var r = Of(Simulate(ScenarioCatalog.ErrorDoubling(Traffic, stage: 0)), "sequential");

        r.Rate(r.Detected).ShouldBeGreaterThanOrEqualTo(0.9);
        r.P90Hours!.Value.ShouldBeLessThanOrEqualTo(24);
    }

    [Fact]
    public void Conversion_drop_is_rolled_back_within_the_ten_percent_stage()
    {
        var r = Of(Simulate(ScenarioCatalog.ConversionDrop(Traffic, stage: 1)), "sequential");

        r.Rate(r.Detected).ShouldBeGreaterThanOrEqualTo(0.9);
        r.P90Hours!.Value.ShouldBeLessThanOrEqualTo(48);
    }

    [Fact]
    public void Five_percent_sample_ratio_skew_from_the_first_stage_pauses_the_rollout_within_a_day_and_a_half()
    {
        var r = Of(Simulate(ScenarioCatalog.SampleRatioSkew(Traffic, stage: 0)), "sequential");

        // The 1 % stage (60,000 exposures an hour) needs about 930,000 exposures to flag a 5 % skew anytime-validly
        // (docs/analysis.md §3): most pauses come late in its 24 h hold.
        r.Rate(r.Detected).ShouldBeGreaterThanOrEqualTo(0.9);
        r.MedianHours!.Value.ShouldBeLessThanOrEqualTo(24);
        r.P90Hours!.Value.ShouldBeLessThanOrEqualTo(36);
        r.RolledBack.ShouldBeLessThanOrEqualTo(Runs / 10, "a mismatch pauses, it does not roll back");
    }

    [Fact]
    public void Same_seed_same_report()
    {
        var scenario = ScenarioCatalog.ConversionDrop(Traffic, stage: 0);
        var first = Simulate(scenario, 30);
        var second = Simulate(scenario, 30);

        second.Policies.Count.ShouldBe(first.Policies.Count);
        for (var i = 0; i < first.Policies.Count; i++)
        {
            var (a, b) = (first.Policies[i], second.Policies[i]);
            b.SrmPauses.ShouldBe(a.SrmPauses);
            b.LimitPauseReasons.ShouldBe(a.LimitPauseReasons);
            (b with { SrmPauses = a.SrmPauses, LimitPauseReasons = a.LimitPauseReasons }).ShouldBe(a);
        }
    }

    [Fact]
    public void The_policies_are_loaded_from_yaml_and_differ_only_in_their_guardrails()
    {
        var (sequential, naive) = (Policies[0].Policy, Policies[1].Policy);

        sequential.Stages.ShouldBe(RolloutPolicy.DefaultStages);
        sequential.Analysis.Guardrails.Select(g => g.Kind).ShouldBe([GuardrailKind.Sequential, GuardrailKind.Sequential]);
        naive.Analysis.Guardrails.Select(g => (g.Kind, g.Max)).ShouldBe([(GuardrailKind.Threshold, 1.6449), (GuardrailKind.Threshold, 1.6449)]);
        naive.Analysis.SampleRatio.ShouldBe(sequential.Analysis.SampleRatio);
        (naive.Analysis with { Guardrails = sequential.Analysis.Guardrails }).ShouldBe(sequential.Analysis);
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
