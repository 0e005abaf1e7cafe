using System.Text.Json;
using RolloutController.Analysis;
using RolloutController.Bucketing;
using RolloutController.IntegrationTests.Metrics;
using RolloutController.Ofrep;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Engine;

namespace RolloutController.IntegrationTests.Rollouts;

/// <summary>
/// End to end through the engine: a real Prometheus scrapes per-plan error counters in which plan "free" is bad; the
/// engine (EngineHarness: real SQLite store, real Prometheus provider, built-in flag catalog, manual clock) excludes that plan, tells
/// on-call which plan it was, serves it off over OFREP, keeps the others on by weight and goes on advancing.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class SegmentExclusionScenarioTests(PrometheusFixture fixture) : IAsyncLifetime
{
    private const string Flag = "plans-checkout";

    private const string PolicyYaml = """
        apiVersion: rollout-controller/v1
        kind: RolloutPolicy
        metadata: { name: plans-checkout, owner: team-checkout, type: ops, reason: per-plan rollout test }
        spec:
          flag: { key: plans-checkout }
          stages:
            - { weight: 10, hold: 1h }
            - { weight: 50, hold: 1h }
            - { weight: 100, hold: 1h }
          analysis:
            interval: 1s
            guardrails:
              - name: errors-by-plan
                query: >-
                  sum by (plan) (it_plan_errors_total{flag="{{ flag }}",variant="on"})
                  / sum by (plan) (it_plan_requests_total{flag="{{ flag }}",variant="on"})
                max: 0.05
                by: [plan]
                onSegmentBreach: exclude
              - name: errors-overall
                query: >-
                  sum(it_plan_errors_total{flag="{{ flag }}",variant="on"}) / sum(it_plan_requests_total{flag="{{ flag }}",variant="on"})
                max: 0.2
        """;

    private EngineHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await EngineHarness.StartAsync(fixture.Server.BaseUri);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_harmed_plan_is_excluded_served_off_and_the_rollout_continues_for_the_others()
    {
        SetPlan("free", requests: 1_000, errors: 200);
        SetPlan("pro", requests: 4_000, errors: 20);
        await fixture.Server.WaitForSeriesAsync("sum by (plan) (it_plan_errors_total{flag=\"plans-checkout\"})", s => s.Count == 2,
            TimeSpan.FromSeconds(30));
        var policy = PolicyLoader.Load([new PolicySourceFile("policies/plans-checkout.yaml", PolicyYaml)]).Policies.ShouldHaveSingleItem();

        (await _harness.Engine.EnsureStartedAsync(policy, restoring: false, CancellationToken.None)).Weight.ShouldBe(10m);
        await TickAsync(policy, TimeSpan.FromSeconds(1));
        var excluded = await TickAsync(policy, TimeSpan.FromSeconds(1));

        // The aggregate (4.4%) is healthy; plan "free" (20%) is not: it is excluded, the weight stays.
        excluded.Phase.ShouldBe(RolloutPhase.Observing);
        excluded.Weight.ShouldBe(10m);
        excluded.ExcludedSegments.ShouldHaveSingleItem().Segment.ToString().ShouldBe("plan=\"free\"");
        var notice = _harness.Notices.Notices.Single(n => n.Kind == NoticeKind.SegmentExcluded);
        notice.Summary.ShouldContain("plan=\"free\"");
        notice.Breaches.Single().Measurement.Detail.ShouldBe("plan=\"free\": 0.2 is above max 0.05");
        var stored = await _harness.Store.GetMeasurementsAsync(Flag, 20, CancellationToken.None);
        stored.ShouldContain(r => r.Measurement.Segment == "plan=\"free\"" && r.Measurement.Verdict == Verdict.Fail);
        (await _harness.Store.GetTransitionsAsync(Flag, 1, CancellationToken.None)).Single().Trigger.ShouldBe(RolloutTrigger.Exclude);

        ShouldServeFreeOffAndOthersByWeight(10m);

        // After the hold, the remaining plans are healthy: the rollout advances, the exclusion stays.
        var advanced = await TickAsync(policy, TimeSpan.FromHours(1));
        advanced.StageIndex.ShouldBe(1);
        advanced.Weight.ShouldBe(50m);
        advanced.ExcludedSegments.Count.ShouldBe(1);
        _harness.Notices.Notices.Last().Kind.ShouldBe(NoticeKind.Advanced);
        ShouldServeFreeOffAndOthersByWeight(50m);
    }

    private void SetPlan(string plan, double requests, double errors)
    {
        fixture.Exporter.SetCounter("it_plan_requests_total", requests, ("flag", Flag), ("variant", "on"), ("plan", plan));
        fixture.Exporter.SetCounter("it_plan_errors_total", errors, ("flag", Flag), ("variant", "on"), ("plan", plan));
    }

    private async Task<RolloutState> TickAsync(RolloutPolicy policy, TimeSpan after)
    {
        _harness.Clock.Advance(after);
        return (await _harness.Engine.TickAsync(policy, CancellationToken.None)).ShouldNotBeNull();
    }

    private void ShouldServeFreeOffAndOthersByWeight(decimal weight)
    {
        var served = _harness.Flags.Current.Flags[Flag];
        served.Weight.ShouldBe(weight);
        var onForPro = 0;
        for (var i = 0; i < 200; i++)
        {
            var key = $"user-{i}";
            var free = OfrepEvaluator.Evaluate(served, key, Context(key, "free"));
            (free.IsOn, free.Reason).ShouldBe((false, OfrepReasons.TargetingMatch));
            var pro = OfrepEvaluator.Evaluate(served, key, Context(key, "pro"));
            (pro.IsOn, pro.Reason).ShouldBe((RolloutBuckets.IsOn(Flag, key, weight), OfrepReasons.Split));
            if (pro.IsOn) onForPro++;
        }
        onForPro.ShouldBeGreaterThan(0);
        onForPro.ShouldBeLessThan(200);
    }

    private static JsonElement Context(string key, string plan) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["targetingKey"] = key, ["plan"] = plan });
}
