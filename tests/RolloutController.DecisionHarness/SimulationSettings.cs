using RolloutController.Analysis.Statistics;
using RolloutController.Policies;

namespace RolloutController.DecisionHarness;

/// <summary>The ramp, the check interval and the detectors' parameters shared by every scenario.</summary>
/// <param name="Stages">The ramp. Default 1 % 24 h → 10 % 48 h → 50 % 72 h → 100 % 168 h.</param>
/// <param name="Interval">Virtual time between checks. Default 1 h (the controller's default is 1 min; the sequential
/// test is time-uniform, so checking more often changes its error rate little, while the naive rule only gets worse).</param>
/// <param name="RolloutAlpha">False-rollback budget for the whole rollout, split evenly over stages with a baseline. Default 0.05.</param>
/// <param name="NaiveAlpha">Level of the naive fixed-horizon z-test, applied at every check. Default 0.05.</param>
/// <param name="Srm">Sample-ratio-mismatch options. Default p &lt; 0.001, ≥ 8 expected per arm.</param>
internal sealed record SimulationSettings(
    IReadOnlyList<StageSpec> Stages,
    TimeSpan Interval,
    double RolloutAlpha,
    double NaiveAlpha,
    SrmOptions Srm)
{
    public static IReadOnlyList<StageSpec> DefaultRamp { get; } =
    [
        new(1m, TimeSpan.FromHours(24)),
        new(10m, TimeSpan.FromHours(48)),
        new(50m, TimeSpan.FromHours(72)),
        new(100m, TimeSpan.FromHours(168)),
    ];

    public static SimulationSettings Default { get; } =
        new(DefaultRamp, TimeSpan.FromHours(1), SequentialTestOptions.DefaultAlpha, 0.05, SrmOptions.Default);

    /// <summary>The sequential test's options for each stage: the rollout budget divided over comparable stages.</summary>
    public SequentialTestOptions StageTestOptions =>
        new(StageAlpha.PerComparableStage(RolloutAlpha, Stages.Select(s => s.Weight)));

    /// <summary>Start of each stage in minutes since the rollout began.</summary>
    public double StageStartMinute(int stage) => Stages.Take(stage).Sum(s => s.Hold.TotalMinutes);
}
