using RolloutController.Analysis;
using RolloutController.IntegrationTests.Metrics;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Engine;
using static RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.IntegrationTests.Rollouts;

/// <summary>
/// A guardrail value of +Inf read from the real Prometheus is a breach of its <c>max</c>: the engine rolls the flag back
/// after <c>failureLimit</c> rounds instead of holding as if there were no data until the no-data pause.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class InfiniteValueRollbackTests(PrometheusFixture fixture)
{
    private static readonly IReadOnlyList<StageSpec> ShortStages = [new(1m, TimeSpan.FromMinutes(1)), new(100m, TimeSpan.FromMinutes(1))];

    [Fact]
    public async Task A_latency_of_positive_infinity_above_max_rolls_back_after_the_failure_limit()
    {
        const string flag = "infinite-latency";
        fixture.Exporter.SetGauge("it_latency_p99_seconds", double.PositiveInfinity, ("flag", flag));
        fixture.Exporter.SetGauge("it_latency_p99_seconds", double.NaN, ("flag", flag + "-nan"));
        await fixture.Server.WaitForSeriesAsync("it_latency_p99_seconds{flag=~\"infinite-latency.*\"}", s => s.Count == 2, TimeSpan.FromSeconds(30));
        await using var harness = await EngineHarness.StartAsync(fixture.Server.BaseUri);
        var latency = new GuardrailSpec("p99-latency", "max(it_latency_p99_seconds{flag=\"{{ flag }}\"})", Max: 0.5, Min: null, FailureLimit: 2);
        var policy = Default(flag: flag, stages: ShortStages, guardrails: [latency], noDataLimit: 15);
        await harness.Engine.EnsureStartedAsync(policy, restoring: false, CancellationToken.None);

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        var first = await harness.Engine.TickAsync(policy, CancellationToken.None);
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await harness.Engine.TickAsync(policy, CancellationToken.None);

        first!.Phase.ShouldBe(RolloutPhase.Observing);
        first.StageIndex.ShouldBe(0, "a failing guardrail never lets the stage advance");
        second!.Phase.ShouldBe(RolloutPhase.RolledBack);
        harness.Flags.Current.Flags[flag].Weight.ShouldBe(0m);
        harness.Notices.Notices.ShouldContain(n => n.Kind == NoticeKind.RolledBack);
        var measurements = await harness.Store.GetMeasurementsAsync(flag, 10, CancellationToken.None);
        measurements.Select(m => m.Measurement.Verdict).ShouldBe([Verdict.Fail, Verdict.Fail]);
        measurements[0].Measurement.Value.ShouldBe(double.PositiveInfinity, "stored as observed");
        measurements[0].Measurement.Detail.ShouldBe("+Inf is above max 0.5");

        var nan = Default(flag: flag + "-nan", stages: ShortStages, guardrails: [latency]);
        var state = RolloutState.New(nan.Flag.Key, nan.Metadata.Name, "rev", harness.Clock.GetUtcNow()) with { Phase = RolloutPhase.Observing, Weight = 1m };
        var nanMeasurement = (await harness.Measurer.MeasureAsync(nan, state, null, CancellationToken.None)).Single();
        (nanMeasurement.Verdict, nanMeasurement.Detail).ShouldBe((Verdict.NoData, "sample is NaN"));
    }
}
