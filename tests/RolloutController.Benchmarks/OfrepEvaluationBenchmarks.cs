using BenchmarkDotNet.Attributes;
using RolloutController.Flags;
using RolloutController.Ofrep;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Benchmarks;

/// <summary>
/// <see cref="OfrepEvaluator.Evaluate"/> alone: what one flag serves to one targeting key, without HTTP or JSON.
/// Split is the ramping case (hash + compare); static is a flag at 100%; disabled a rolled-back flag.
/// </summary>
[MemoryDiagnoser]
public class OfrepEvaluationBenchmarks
{
    private const string TargetingKey = "3f2c9a4e-7b1d-4c55-9e0a-8d6f1b2c3d4e";

    private readonly ServedFlag _ramping = new("new-checkout", 10m, RolloutPhase.Observing, 1, "new-checkout", FlagType.Release);
    private readonly ServedFlag _complete = new("new-checkout", 100m, RolloutPhase.Completed, 3, "new-checkout", FlagType.Release);
    private readonly ServedFlag _rolledBack = new("new-checkout", 0m, RolloutPhase.RolledBack, 1, "new-checkout", FlagType.Release);

    [Benchmark(Baseline = true)]
    public string Split() => OfrepEvaluator.Evaluate(_ramping, TargetingKey).Variant;

    [Benchmark]
    public string Static() => OfrepEvaluator.Evaluate(_complete, TargetingKey).Variant;

    [Benchmark]
    public string Disabled() => OfrepEvaluator.Evaluate(_rolledBack, TargetingKey).Variant;
}
