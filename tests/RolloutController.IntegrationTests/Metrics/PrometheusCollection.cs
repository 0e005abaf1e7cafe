namespace RolloutController.IntegrationTests.Metrics;

[CollectionDefinition(Name)]
public sealed class PrometheusCollection : ICollectionFixture<PrometheusFixture>
{
    public const string Name = "Prometheus";
}
