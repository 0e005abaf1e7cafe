using BenchmarkDotNet.Attributes;
using RolloutController.Policies;

namespace RolloutController.Benchmarks;

/// <summary>
/// <see cref="PolicyLoader.Load"/> (YAML parse, validation, revision hashes) on the example policies, texts already in
/// memory: the three files of <c>policies/</c> together, and the largest one alone.
/// </summary>
[MemoryDiagnoser]
public class PolicyLoadingBenchmarks
{
    private static readonly IReadOnlySet<string> Routes =
        new HashSet<string>(["oncall-payments", "oncall-search", "search-experiments"], StringComparer.OrdinalIgnoreCase);

    private IReadOnlyList<PolicySourceFile> _all = [];
    private PolicySourceFile[] _largest = [];

    [GlobalSetup]
    public void Setup()
    {
        _all = ExamplePolicies.ReadAll();
        _largest = [ExamplePolicies.Read("search-ranking-experiment.yaml")];
        var check = PolicyLoader.Load(_all, Routes);
        if (!check.IsValid) throw new InvalidOperationException(string.Join("; ", check.Diagnostics));
    }

    [Benchmark(Baseline = true)]
    public int AllExamples() => PolicyLoader.Load(_all, Routes).Policies.Count;

    [Benchmark]
    public int LargestExample() => PolicyLoader.Load(_largest, Routes).Policies.Count;
}
