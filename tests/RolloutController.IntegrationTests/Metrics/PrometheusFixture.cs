using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.IntegrationTests.Metrics;

/// <summary>A real Prometheus scraping one <see cref="TestExporter"/>, shared by the tests of <see cref="PrometheusCollection"/>.</summary>
public sealed class PrometheusFixture : IAsyncLifetime
{
    public TestExporter Exporter { get; private set; } = null!;

    public PrometheusServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Exporter = await TestExporter.StartAsync();
        Server = await PrometheusServer.StartAsync([Exporter.MetricsUri]);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Exporter.DisposeAsync();
    }
}
