using System.Diagnostics;
using RolloutController.Analysis;
using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.IntegrationTests.Metrics;

/// <summary>The provider against a scripted HTTP server and a closed port: transient faults are retried, others are not.</summary>
public sealed class PrometheusFaultTests : IAsyncLifetime
{
    private const string SevenBody = """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000,"7"]}]}}""";

    private StubHttpServer _stub = null!;

    public async Task InitializeAsync() => _stub = await StubHttpServer.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task Down_is_an_unreachable_error_after_the_retries()
    {
        using var factory = new PrometheusProviderFactory(StubHttpServer.ClosedPortUri(), retries: 2, retryDelay: TimeSpan.FromMilliseconds(10));

        var outcome = await factory.Provider.QueryScalarAsync("up", null, PrometheusProviderFactory.Budget, CancellationToken.None);

        outcome.Kind.ShouldBe(QueryOutcomeKind.Error);
        outcome.Detail.ShouldNotBeNull();
        outcome.Detail.ShouldContain("connection refused");
        outcome.Detail.ShouldEndWith("(after 3 attempts)");
        factory.Exposition.ShouldContain("rollout_controller_prometheus_query_errors_total{reason=\"unreachable\"} 1\n");
    }

    [Fact]
    public async Task Slow_answer_times_out()
    {
        _stub.Respond(new StubResponse(200, SevenBody, Delay: TimeSpan.FromSeconds(20)));
        using var factory = new PrometheusProviderFactory(_stub.BaseUri, timeout: TimeSpan.FromMilliseconds(300), retries: 0);
        var elapsed = Stopwatch.StartNew();

        var outcome = await factory.Provider.QueryScalarAsync("up", null, PrometheusProviderFactory.Budget, CancellationToken.None);

        elapsed.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        outcome.ShouldBe(QueryOutcome.Failed("Prometheus query timed out after 300ms"));
        factory.Exposition.ShouldContain("rollout_controller_prometheus_query_errors_total{reason=\"timeout\"} 1\n");
    }

    [Fact]
    public async Task Server_error_then_success_is_retried()
    {
        _stub.Respond(StubResponse.Status(500, "boom"), StubResponse.Json(SevenBody));
        using var factory = new PrometheusProviderFactory(_stub.BaseUri, retries: 2);

        var outcome = await factory.Provider.QueryScalarAsync("sum(up{job=\"a b\"})", null, PrometheusProviderFactory.Budget, CancellationToken.None);

        outcome.ShouldBe(QueryOutcome.Of(7));
        _stub.Requests.Count.ShouldBe(2);
        var request = _stub.Requests[0];
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/api/v1/query");
        request.Body.ShouldContain("query=sum%28up%7Bjob%3D%22a+b%22%7D%29");
        factory.Exposition.ShouldNotContain("rollout_controller_prometheus_query_errors_total{");
    }

    [Fact]
    public async Task Persistent_server_errors_give_up_after_the_retries()
    {
        _stub.Respond(StubResponse.Status(503, "unavailable"));
        using var factory = new PrometheusProviderFactory(_stub.BaseUri, retries: 2);

        var outcome = await factory.Provider.QueryScalarAsync("up", null, PrometheusProviderFactory.Budget, CancellationToken.None);

        outcome.Kind.ShouldBe(QueryOutcomeKind.Error);
        outcome.Detail.ShouldBe("HTTP 503 ServiceUnavailable: unavailable (after 3 attempts)");
        _stub.Requests.Count.ShouldBe(3);
        factory.Exposition.ShouldContain("rollout_controller_prometheus_query_errors_total{reason=\"http_5xx\"} 1\n");
    }

    [Fact]
    public async Task Malformed_json_is_an_error_and_not_retried()
    {
        _stub.Respond(StubResponse.Json("{\"status\":\"success\",\"data\":"));
        using var factory = new PrometheusProviderFactory(_stub.BaseUri, retries: 2);

        var outcome = await factory.Provider.QueryScalarAsync("up", null, PrometheusProviderFactory.Budget, CancellationToken.None);

        outcome.Kind.ShouldBe(QueryOutcomeKind.Error);
        outcome.Detail.ShouldNotBeNull();
        outcome.Detail.ShouldStartWith("malformed response: ");
        _stub.Requests.Count.ShouldBe(1);
        factory.Exposition.ShouldContain("rollout_controller_prometheus_query_errors_total{reason=\"malformed\"} 1\n");
    }

    [Fact]
    public async Task Bearer_token_and_headers_are_sent_under_a_path_prefix()
    {
        _stub.Respond(StubResponse.Json(SevenBody));
        using var factory = new PrometheusProviderFactory(new Uri(_stub.BaseUri, "prom"), extra: new Dictionary<string, string?>
        {
            ["BearerToken"] = "s3cret",
            ["Headers:X-Scope-OrgID"] = "tenant-1",
        });

        (await factory.Provider.QueryScalarAsync("up", null, PrometheusProviderFactory.Budget, CancellationToken.None)).ShouldBe(QueryOutcome.Of(7));

        var request = _stub.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/prom/api/v1/query");
        request.Headers["Authorization"].ShouldBe("Bearer s3cret");
        request.Headers["X-Scope-OrgID"].ShouldBe("tenant-1");
    }
}
