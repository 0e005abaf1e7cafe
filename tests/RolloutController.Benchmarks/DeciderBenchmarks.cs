using BenchmarkDotNet.Attributes;
using RolloutController.Analysis;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Benchmarks;

/// <summary>
/// One measurement round of <see cref="RolloutDecider.Evaluate"/> on <c>search-ranking-experiment.yaml</c>, whose analysis
/// has 3 guardrails. Hold: all pass, hold not served (the usual round). Advance: all pass, hold served.
/// Rollback: the latency guardrail fails for the third time in a row (its failureLimit).
/// </summary>
[MemoryDiagnoser]
public class DeciderBenchmarks
{
    private static readonly DateTimeOffset StageStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private RolloutPolicy _policy = null!;
    private RolloutState _observing = null!;
    private RolloutState _failingTwice = null!;
    private Measurement[] _allPass = [];
    private Measurement[] _latencyFails = [];

    [GlobalSetup]
    public void Setup()
    {
        _policy = ExamplePolicies.Load("search-ranking-experiment.yaml");
        if (_policy.Analysis.Guardrails.Count != 3) throw new InvalidOperationException("the benchmark needs a policy with 3 guardrails");

        var start = RolloutDecider.Start(_policy, RolloutState.New(_policy.Flag.Key, _policy.Metadata.Name, _policy.Revision, StageStart), StageStart);
        _observing = start.State;
        var latency = _policy.Analysis.Guardrails[0];
        _failingTwice = _observing with
        {
            Streaks = _observing.Streaks.SetItem(latency.Name, new GuardrailStreak(latency.FailureLimit - 1, StageStart.AddMinutes(2))),
        };

        var at = StageStart.AddHours(1);
        _allPass = _policy.Analysis.Guardrails.Select(g => Measure(g, Verdict.Pass, at)).ToArray();
        _latencyFails = _policy.Analysis.Guardrails.Select((g, i) => Measure(g, i == 0 ? Verdict.Fail : Verdict.Pass, at)).ToArray();
    }

    [Benchmark(Baseline = true)]
    public int Hold() => RolloutDecider.Evaluate(_policy, _observing, _allPass, StageStart.AddHours(1)).Transitions.Count;

    [Benchmark]
    public int Advance() => RolloutDecider.Evaluate(_policy, _observing, _allPass, StageStart.AddHours(13)).Transitions.Count;

    [Benchmark]
    public int Rollback() => RolloutDecider.Evaluate(_policy, _failingTwice, _latencyFails, StageStart.AddHours(1)).Transitions.Count;

    private static Measurement Measure(GuardrailSpec guardrail, Verdict verdict, DateTimeOffset at) =>
        new(guardrail.Name, verdict, verdict == Verdict.Pass ? 0.01 : 0.9, "max 0.35", guardrail.Query, verdict.ToString(), at);
}
