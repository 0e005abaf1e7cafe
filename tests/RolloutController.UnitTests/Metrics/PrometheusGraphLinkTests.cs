using RolloutController.Metrics.Prometheus;

namespace RolloutController.UnitTests.Metrics;

public sealed class PrometheusGraphLinkTests
{
    [Fact]
    public void Encodes_the_expression_and_sets_the_graph_tab()
    {
        var link = PrometheusGraphLink.Build(new Uri("https://prom.example.com/"),
            "sum(rate(http_requests_total{flag=\"new-checkout\",code=~\"5..\"}[5m])) / 2");
        link.ShouldBe("https://prom.example.com/graph?g0.expr=" +
                      "sum%28rate%28http_requests_total%7Bflag%3D%22new-checkout%22%2Ccode%3D~%225..%22%7D%5B5m%5D%29%29%20%2F%202" +
                      "&g0.tab=0&g0.range_input=1h");
    }

    [Fact]
    public void Keeps_a_path_prefix() =>
        PrometheusGraphLink.Build(new Uri("http://proxy.local/prometheus/"), "up")
            .ShouldBe("http://proxy.local/prometheus/graph?g0.expr=up&g0.tab=0&g0.range_input=1h");

    [Fact]
    public void Uses_external_url_and_falls_back_to_url()
    {
        new PrometheusOptions { Url = "http://prometheus:9090" }.ExternalBase.ShouldBe(new Uri("http://prometheus:9090/"));
        new PrometheusOptions { Url = "http://prometheus:9090", ExternalUrl = "https://prom.example.com/p" }.ExternalBase
            .ShouldBe(new Uri("https://prom.example.com/p/"));
    }
}
