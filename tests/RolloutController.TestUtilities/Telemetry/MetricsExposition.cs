using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using RolloutController.Telemetry;

namespace RolloutController.TestUtilities.Telemetry;

public static class MetricsExposition
{
    /// <summary>What a scrape of <c>/metrics</c> returns for the container <paramref name="services"/> (built with <c>AddControllerTelemetry</c>).</summary>
    public static string Collect(IServiceProvider services)
    {
        services.GetRequiredService<ControllerMetrics>();
        var registry = services.GetRequiredService<CollectorRegistry>();
        using var body = new MemoryStream();
        // On the thread pool: the test's synchronization context must not wait for itself.
        Task.Run(() => registry.CollectAndExportAsTextAsync(body)).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(body.ToArray());
    }
}
