using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>One real Prometheus and exporter for the tests of <see cref="ControllerCollection"/>.</summary>
public sealed class GuardrailMetricsFixture : IAsyncLifetime
{
    public GuardrailMetrics Metrics { get; private set; } = null!;

    public async Task InitializeAsync() => Metrics = await GuardrailMetrics.StartAsync();

    public async Task DisposeAsync() => await Metrics.DisposeAsync();
}
