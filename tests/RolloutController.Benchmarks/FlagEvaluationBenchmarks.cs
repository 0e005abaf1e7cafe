using BenchmarkDotNet.Attributes;
using RolloutController.Bucketing;
using RolloutController.Flags;
using RolloutController.Policies;

namespace RolloutController.Benchmarks;

/// <summary>
/// <see cref="FlagEvaluator.Evaluate"/> in process on a flag with a prerequisite (an infra flag split 50/50) and 10 rules
/// over 5 attributes: <c>Fallthrough</c> checks all 10 rules, none matching, and buckets the key for the prerequisite and
/// the rollout (the most work a context can cost); <c>LastRule</c> matches the 10th rule; <c>FirstRule</c> the first.
/// </summary>
[MemoryDiagnoser]
public class FlagEvaluationBenchmarks
{
    private const string Yaml = """
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata: { name: payments-v2-backend, owner: team-payments, type: ops, reason: infra, layer: infra }
        spec:
          key: payments-v2-backend
          variants: { on: true, off: false }
          defaultVariant: off
          bucketing: { salt: payments-v2 }
          fallthrough: { split: [{ variant: on, weight: 50 }, { variant: off, weight: 50 }] }
        ---
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata: { name: new-checkout, owner: team-payments, type: ops, reason: app }
        spec:
          key: new-checkout
          variants: { on: true, off: false }
          defaultVariant: off
          bucketing: { salt: payments-v2 }
          prerequisites: [{ flag: payments-v2-backend, variant: on }]
          rules:
            - { when: { email: { endsWith: "@example.com" } }, serve: on }
            - { when: { plan: { in: [enterprise, business] }, country: { notIn: [DE, FR] } }, serve: on }
            - { when: { appVersion: { semverLt: 2.0.0 } }, serve: off }
            - { when: { seats: { gte: 500 } }, serve: on }
            - { when: { email: { startsWith: "qa+" } }, serve: on }
            - { when: { country: { equals: JP } }, serve: off }
            - { when: { plan: { equals: trial }, seats: { lt: 2 } }, serve: off }
            - { when: { appVersion: { semverGte: 9.0.0 } }, serve: on }
            - { when: { beta: { equals: true } }, serve: on }
            - { when: { country: { in: [NZ, AU] }, plan: { equals: free } }, serve: on }
          fallthrough: { split: [{ variant: on, weight: 10 }, { variant: off, weight: 90 }] }

        """;

    private readonly ServableFlag _flag;
    private readonly AttributeContext _fallthrough;
    private readonly AttributeContext _lastRule;
    private readonly AttributeContext _firstRule;

    public FlagEvaluationBenchmarks()
    {
        var loaded = PolicyLoader.Load([new PolicySourceFile("bench.yaml", Yaml)]);
        if (!loaded.IsValid) throw new InvalidOperationException(string.Join("; ", loaded.Diagnostics));
        _flag = FlagGraph.Build(loaded.Flags, new Dictionary<string, SegmentDefinition>(), _ => FlagLiveState.AsDeclared)["new-checkout"];
        // A key the prerequisite serves "on", so evaluation goes on past it.
        var key = Enumerable.Range(0, 1000).Select(i => $"3f2c9a4e-7b1d-4c55-9e0a-{i:D12}").First(k => RolloutBuckets.BucketOf("payments-v2", k) < 50_000);
        _fallthrough = Context(key, "user@customer.org", "pro", "US", "2.4.1", 12, beta: false);
        _lastRule = Context(key, "user@customer.org", "free", "NZ", "2.4.1", 12, beta: false);
        _firstRule = Context(key, "dev@example.com", "pro", "US", "2.4.1", 12, beta: false);
    }

    private static AttributeContext Context(string key, string email, string plan, string country, string version, int seats, bool beta) =>
        new(key, new Dictionary<string, ContextValue>(StringComparer.Ordinal)
        {
            ["email"] = ContextValue.Of(email),
            ["plan"] = ContextValue.Of(plan),
            ["country"] = ContextValue.Of(country),
            ["appVersion"] = ContextValue.Of(version),
            ["seats"] = ContextValue.Of(seats),
            ["beta"] = ContextValue.Of(beta),
        });

    [Benchmark(Baseline = true)]
    public int Fallthrough() => FlagEvaluator.Evaluate(_flag, _fallthrough).Variant;

    [Benchmark]
    public int LastRule() => FlagEvaluator.Evaluate(_flag, _lastRule).Variant;

    [Benchmark]
    public int FirstRule() => FlagEvaluator.Evaluate(_flag, _firstRule).Variant;
}
