using System.Diagnostics;
using RolloutController.Analysis;

namespace RolloutController.IntegrationTests.Metrics;

/// <summary>The provider against the real Prometheus, which scrapes values the tests set on the exporter.</summary>
[Collection(PrometheusCollection.Name)]
public sealed class PrometheusMetricsProviderTests(PrometheusFixture fixture)
{
    private static readonly TimeSpan ScrapeWait = TimeSpan.FromSeconds(30);

    private PrometheusProviderFactory Factory(int retries = 2, TimeSpan? retryDelay = null) =>
        new(fixture.Server.BaseUri, retries: retries, retryDelay: retryDelay);

    [Fact]
    public async Task One_series_is_its_value()
    {
        fixture.Exporter.SetCounter("it_requests_total", 42, ("flag", "one"), ("variant", "on"));
        await fixture.Server.WaitForSeriesAsync("it_requests_total{flag=\"one\"}", s => s.Count == 1, ScrapeWait);
        using var factory = Factory();

        var outcome = await factory.Provider.QueryScalarAsync("sum(it_requests_total{flag=\"one\"})", null, PrometheusProviderFactory.Budget, CancellationToken.None);

        outcome.ShouldBe(QueryOutcome.Of(42));
        factory.Exposition.ShouldContain("rollout_controller_prometheus_query_duration_seconds_count{outcome=\"value\"} 1");
    }

    [Fact]
    public async Task Selector_matching_nothing_is_empty()
    {
        using var factory = Factory();
        var outcome = await factory.Provider.QueryScalarAsync("it_requests_total{flag=\"no-such-flag\"}", null, PrometheusProviderFactory.Budget, CancellationToken.None);
        outcome.Kind.ShouldBe(QueryOutcomeKind.Empty);
    }

    [Fact]
    public async Task Zero_divided_by_zero_is_not_finite()
    {
        fixture.Exporter.SetGauge("it_zero", 0, ("flag", "nan"));
        await fixture.Server.WaitForSeriesAsync("it_zero{flag=\"nan\"}", s => s.Count == 1, ScrapeWait);
        using var factory = Factory();

        var outcome = await factory.Provider.QueryScalarAsync("it_zero{flag=\"nan\"} / it_zero{flag=\"nan\"}", null, PrometheusProviderFactory.Budget, CancellationToken.None);

        outcome.Kind.ShouldBe(QueryOutcomeKind.NotFinite);
        double.IsNaN(outcome.Value!.Value).ShouldBeTrue();
    }

    [Fact]
    public async Task Several_series_are_multiple()
    {
        fixture.Exporter.SetCounter("it_requests_total", 5, ("flag", "multi"), ("variant", "on"));
        fixture.Exporter.SetCounter("it_requests_total", 6, ("flag", "multi"), ("variant", "off"));
        await fixture.Server.WaitForSeriesAsync("it_requests_total{flag=\"multi\"}", s => s.Count == 2, ScrapeWait);
        using var factory = Factory();

        var outcome = await factory.Provider.QueryScalarAsync("it_requests_total{flag=\"multi\"}", null, PrometheusProviderFactory.Budget, CancellationToken.None);

        outcome.Kind.ShouldBe(QueryOutcomeKind.MultipleSeries);
        outcome.SeriesCount.ShouldBe(2);
    }

    [Fact]
    public async Task Scalar_is_evaluated_at_the_requested_time()
    {
        using var factory = Factory();
        var at = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        var outcome = await factory.Provider.QueryScalarAsync("time()", at, PrometheusProviderFactory.Budget, CancellationToken.None);
        outcome.ShouldBe(QueryOutcome.Of(at.ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task Invalid_promql_is_an_error_with_prometheus_message_and_is_not_retried()
    {
        using var factory = Factory(retries: 3, retryDelay: TimeSpan.FromSeconds(5));
        var elapsed = Stopwatch.StartNew();

        var outcome = await factory.Provider.QueryScalarAsync("sum(rate(it_requests_total[5m])", null, PrometheusProviderFactory.Budget, CancellationToken.None);

        elapsed.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4)); // a retry would have waited 5 s
        outcome.Kind.ShouldBe(QueryOutcomeKind.Error);
        outcome.Detail.ShouldNotBeNull();
        outcome.Detail.ShouldStartWith("Prometheus error (bad_data, HTTP 400): ");
        outcome.Detail.ShouldContain("parse error");
        factory.Exposition.ShouldContain("rollout_controller_prometheus_query_errors_total{reason=\"bad_query\"} 1\n");
    }
}
