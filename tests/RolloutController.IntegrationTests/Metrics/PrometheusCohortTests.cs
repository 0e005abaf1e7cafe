using Microsoft.Extensions.Logging.Abstractions;
using RolloutController.Analysis;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Engine;

namespace RolloutController.IntegrationTests.Metrics;

/// <summary>Labelled series, per-cohort comparisons and counts across a counter reset, against the real Prometheus.</summary>
[Collection(PrometheusCollection.Name)]
public sealed class PrometheusCohortTests(PrometheusFixture fixture)
{
    private static readonly TimeSpan ScrapeWait = TimeSpan.FromSeconds(30);

    private static RolloutPolicy Policy(string flag, params GuardrailSpec[] guardrails) =>
        TestUtilities.Builders.Policies.Default(flag: flag, guardrails: guardrails);

    private static RolloutState Observing(string flag, decimal weight = 10m) =>
        RolloutState.New(flag, flag, "r", DateTimeOffset.UtcNow) with
        {
            Phase = RolloutPhase.Observing, StageIndex = 1, Weight = weight, StageStartedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        };

    private GuardrailMeasurer Measurer(PrometheusProviderFactory factory) =>
        new(factory.Provider, TimeProvider.System, NullLogger<GuardrailMeasurer>.Instance);

    [Fact]
    public async Task A_vector_query_returns_one_series_per_segment_with_its_labels()
    {
        fixture.Exporter.SetCounter("it_seg_requests_total", 40, ("flag", "seg"), ("plan", "free"), ("pod", "a"));
        fixture.Exporter.SetCounter("it_seg_requests_total", 2, ("flag", "seg"), ("plan", "free"), ("pod", "b"));
        fixture.Exporter.SetCounter("it_seg_requests_total", 7, ("flag", "seg"), ("plan", "pro"), ("pod", "a"));
        await fixture.Server.WaitForSeriesAsync("it_seg_requests_total{flag=\"seg\"}", s => s.Count == 3, ScrapeWait);
        using var factory = new PrometheusProviderFactory(fixture.Server.BaseUri);

        var outcome = await factory.Provider.QueryVectorAsync("sum by (plan) (it_seg_requests_total{flag=\"seg\"})", null, PrometheusProviderFactory.Budget, CancellationToken.None);

        outcome.Kind.ShouldBe(QueryOutcomeKind.Value);
        outcome.Series.Select(s => (s.Label("plan"), s.Value)).OrderBy(x => x.Item1).ShouldBe([("free", 42d), ("pro", 7d)]);
        (await factory.Provider.QueryVectorAsync("it_seg_requests_total{flag=\"none\"}", null, PrometheusProviderFactory.Budget, CancellationToken.None)).Kind.ShouldBe(QueryOutcomeKind.Empty);
        (await factory.Provider.QueryVectorAsync("sum(", null, PrometheusProviderFactory.Budget, CancellationToken.None)).Kind.ShouldBe(QueryOutcomeKind.Error);
    }

    [Theory]
    [InlineData("it_cmp_latency{flag=\"{{ flag }}\",variant=\"{{ variant }}\"}")]
    [InlineData("sum by (variant) (it_cmp_latency{flag=\"{{ flag }}\"})")]
    public async Task A_per_cohort_comparison_measures_both_cohorts_over_the_same_window(string query)
    {
        fixture.Exporter.SetGauge("it_cmp_latency", 0.9, ("flag", "cmp"), ("variant", "on"));
        fixture.Exporter.SetGauge("it_cmp_latency", 0.5, ("flag", "cmp"), ("variant", "off"));
        fixture.Exporter.SetGauge("it_cmp_latency", 7, ("flag", "cmp"), ("variant", "beta"));
        await fixture.Server.WaitForSeriesAsync("it_cmp_latency{flag=\"cmp\"}", s => s.Count == 3, ScrapeWait);
        var g = new GuardrailSpec("latency", query, null, null)
        {
            Kind = GuardrailKind.Comparison, Margin = RolloutController.Analysis.Statistics.Margin.Relative(0.2),
        };
        using var factory = new PrometheusProviderFactory(fixture.Server.BaseUri);

        var m = (await Measurer(factory).MeasureAsync(Policy("cmp", g), Observing("cmp"), null, CancellationToken.None)).ShouldHaveSingleItem();

        m.Verdict.ShouldBe(Verdict.Fail, m.Detail);
        (m.Details!.CanaryValue, m.Details.BaselineValue).ShouldBe((0.9, 0.5));
        m.Detail.ShouldStartWith("canary 0.9 vs baseline 0.5: worse by 0.4, more than the allowed 0.1");
        if (!query.Contains("{{ variant }}", StringComparison.Ordinal))
            m.Detail.ShouldEndWith("(ignored series of cohorts the policy does not name: variant=\"beta\")");
    }

    [Fact]
    public async Task Counts_of_a_counter_that_reset_mid_stage_stay_counts()
    {
        var flag = "reset";
        (string, string)[] on = [("flag", flag), ("variant", "on")];
        fixture.Exporter.SetCounter("it_rs_requests_total", 5_000, on);
        fixture.Exporter.SetCounter("it_rs_errors_total", 50, on);
        await fixture.Server.WaitForSeriesAsync("it_rs_requests_total{flag=\"reset\"} == 5000", s => s.Count == 1, ScrapeWait);
        // The process restarts: its counters start again from 0 and have counted a little since.
        fixture.Exporter.SetCounter("it_rs_requests_total", 300, on);
        fixture.Exporter.SetCounter("it_rs_errors_total", 3, on);
        await fixture.Server.WaitForSeriesAsync("it_rs_requests_total{flag=\"reset\"} == 300", s => s.Count == 1, ScrapeWait);
        var g = new GuardrailSpec("errors", "", null, null)
        {
            Kind = GuardrailKind.Sequential,
            Numerator = "sum(increase(it_rs_errors_total{flag=\"{{ flag }}\",variant=\"{{ variant }}\"}[{{ window }}]))",
            Denominator = "sum(increase(it_rs_requests_total{flag=\"{{ flag }}\",variant=\"{{ variant }}\"}[{{ window }}]))",
            Margin = RolloutController.Analysis.Statistics.Margin.None,
        };
        using var factory = new PrometheusProviderFactory(fixture.Server.BaseUri);

        var m = (await Measurer(factory).MeasureAsync(Policy(flag, g), Observing(flag), null, CancellationToken.None)).ShouldHaveSingleItem();

        // increase() treats the drop as a restart: the canary's count is what was counted after it, never negative.
        m.Details!.CanaryTrials.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(300);
        m.Details.CanaryEvents.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(0);
        // The baseline never reported: no data for it, a defined outcome rather than an error.
        (m.Verdict, m.Detail).ShouldBe((Verdict.NoData, "no counts for the baseline cohort"));
    }
}
