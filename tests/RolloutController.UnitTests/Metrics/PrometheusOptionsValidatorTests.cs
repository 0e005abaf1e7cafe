using RolloutController.Metrics.Prometheus;

namespace RolloutController.UnitTests.Metrics;

public sealed class PrometheusOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(PrometheusOptions options) =>
        new PrometheusOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Defaults_are_valid()
    {
        var options = new PrometheusOptions();
        Failures(options).ShouldBeEmpty();
        options.Url.ShouldBe("http://localhost:9090");
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(10));
        options.Retries.ShouldBe(2);
        options.RetryDelay.ShouldBe(TimeSpan.FromSeconds(1));
        options.ApiBase.ShouldBe(new Uri("http://localhost:9090/"));
    }

    [Fact]
    public void Lists_every_failure_with_field_and_value()
    {
        var failures = Failures(new PrometheusOptions
        {
            Url = "ftp://prom",
            ExternalUrl = "not a url",
            Timeout = TimeSpan.Zero,
            Retries = -1,
            RetryDelay = TimeSpan.FromSeconds(-1),
            BearerToken = "a b",
            Headers = { ["Bad Header"] = "x", ["X-Tenant"] = "a\nb" },
        });
        failures.Count.ShouldBe(8);
        failures.ShouldContain(f => f.Contains("Url must be an absolute http or https URL (was 'ftp://prom')"));
        failures.ShouldContain(f => f.Contains("ExternalUrl") && f.Contains("not a url"));
        failures.ShouldContain(f => f.Contains("Timeout") && f.Contains("00:00:00"));
        failures.ShouldContain(f => f.Contains("Retries") && f.Contains("-1"));
        failures.ShouldContain(f => f.Contains("RetryDelay"));
        failures.ShouldContain(f => f.Contains("BearerToken"));
        failures.ShouldContain(f => f.Contains("'Bad Header'"));
        failures.ShouldContain(f => f.Contains("X-Tenant"));
    }

    [Fact]
    public void Relative_url_and_query_string_are_rejected()
    {
        Failures(new PrometheusOptions { Url = "/prometheus" }).ShouldHaveSingleItem().ShouldContain("Url");
        Failures(new PrometheusOptions { Url = "http://prom:9090/?x=1" }).ShouldHaveSingleItem().ShouldContain("query string");
    }

    [Fact]
    public void Authorization_header_conflicts_with_bearer_token() =>
        Failures(new PrometheusOptions { BearerToken = "t", Headers = { ["Authorization"] = "Basic x" } })
            .ShouldHaveSingleItem().ShouldContain("conflicts");

    [Theory]
    [InlineData(10_000, "10s")]
    [InlineData(500, "500ms")]
    [InlineData(1_500, "1.5s")]
    [InlineData(120_000, "2m")]
    public void Durations_are_formatted_like_configuration(int milliseconds, string expected) =>
        PrometheusMetricsProvider.FormatDuration(TimeSpan.FromMilliseconds(milliseconds)).ShouldBe(expected);
}
