using RolloutController.Analysis;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Engine;
using RolloutController.TestUtilities.Prometheus;
using static RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.IntegrationTests.Rollouts;

/// <summary>The engine with the real Prometheus client and SQLite store, when Prometheus misbehaves or a flag key is hostile.</summary>
public sealed class EngineFaultTests
{
    private static readonly IReadOnlyList<StageSpec> ShortStages = [new(1m, TimeSpan.FromMinutes(1)), new(100m, TimeSpan.FromMinutes(1))];

    [Fact]
    public async Task Prometheus_down_is_recorded_as_errors_holds_the_gate_and_pauses_with_a_notice_at_the_limit()
    {
        await using var harness = await EngineHarness.StartAsync(StubHttpServer.ClosedPortUri());
        var policy = Default(stages: ShortStages, errorLimit: 3);
        await harness.Engine.EnsureStartedAsync(policy, restoring: false, CancellationToken.None);

        RolloutState? state = null;
        for (var round = 1; round <= 3; round++)
        {
            harness.Clock.Advance(TimeSpan.FromMinutes(1));
            state = await harness.Engine.TickAsync(policy, CancellationToken.None);
            state!.StageIndex.ShouldBe(0, "never advances on errors, though the hold has elapsed");
        }

        state!.Phase.ShouldBe(RolloutPhase.Paused);
        state.PauseReason!.ShouldContain("3 rounds in a row");
        harness.Flags.Current.Flags[policy.Flag.Key].Weight.ShouldBe(1m, "a pause keeps the weight");
        var notice = harness.Notices.Notices.Last();
        (notice.Kind, notice.Severity).ShouldBe((NoticeKind.Paused, NoticeSeverity.Warning));

        var measurements = await harness.Store.GetMeasurementsAsync(policy.Flag.Key, 100, CancellationToken.None);
        measurements.Count.ShouldBe(6);
        measurements.ShouldAllBe(m => m.Measurement.Verdict == Verdict.Error);
        measurements[0].Measurement.Detail.ShouldContain("cannot reach Prometheus");
    }

    [Theory]
    [InlineData(500, "{\"status\":\"error\"}")]
    [InlineData(200, "{not json")]
    public async Task Server_errors_and_malformed_answers_are_errors_never_a_pass(int status, string body)
    {
        await using var stub = await StubHttpServer.StartAsync();
        stub.Respond(new StubResponse(status, body));
        await using var harness = await EngineHarness.StartAsync(stub.BaseUri);
        var policy = Default(stages: ShortStages);
        await harness.Engine.EnsureStartedAsync(policy, restoring: false, CancellationToken.None);

        harness.Clock.Advance(TimeSpan.FromMinutes(2));
        var state = await harness.Engine.TickAsync(policy, CancellationToken.None);

        state!.StageIndex.ShouldBe(0);
        state.ConsecutiveErrorRounds.ShouldBe(1);
        var last = await harness.Store.GetMeasurementsAsync(policy.Flag.Key, 2, CancellationToken.None);
        last.ShouldAllBe(m => m.Measurement.Verdict == Verdict.Error);
    }

    [Fact]
    public async Task A_hostile_flag_key_cannot_inject_PromQL_into_a_guardrail_query()
    {
        await using var exporter = await TestExporter.StartAsync();
        exporter.SetGauge("injection_probe", 1, ("flag", "other"));
        await using var prometheus = await PrometheusServer.StartAsync([exporter.MetricsUri]);
        await prometheus.WaitForSeriesAsync("injection_probe", s => s.Count > 0, TimeSpan.FromSeconds(30));
        await using var harness = await EngineHarness.StartAsync(prometheus.BaseUri);

        // Unescaped, this key would close the label value and turn the query into `... or vector(1)`, which passes.
        const string hostile = "x\"} or vector(1) or injection_probe{flag=\"";
        var guardrail = new GuardrailSpec("probe", "sum(injection_probe{flag=\"{{ flag }}\"})", Max: 5, Min: null);
        var policy = Default(flag: hostile, stages: ShortStages, guardrails: [guardrail]);
        var state = RolloutState.New(hostile, hostile, "rev", harness.Clock.GetUtcNow()) with { Phase = RolloutPhase.Observing, StageIndex = 0, Weight = 1m };

        var measurements = await harness.Measurer.MeasureAsync(policy, state, null, CancellationToken.None);

        var m = measurements.Single();
        m.Verdict.ShouldBe(Verdict.NoData, m.Detail);
        m.Query.ShouldContain("flag=\"x\\\"} or vector(1) or injection_probe{flag=\\\"\"");
    }
}
