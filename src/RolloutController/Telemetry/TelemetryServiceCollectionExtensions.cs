using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;
using PrometheusMetrics = Prometheus.Metrics;

namespace RolloutController.Telemetry;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMeterFactory"/>, a <see cref="CollectorRegistry"/> of this container's own (with the
    /// <see cref="ProcessMetrics"/>) and <see cref="ControllerMetrics"/> exported to it, served by
    /// <c>MapControllerMetrics</c>. A registry per container, never prometheus-net's process-wide default one, so several
    /// hosts in one process (tests) each serve their own series.
    /// </summary>
    public static IServiceCollection AddControllerTelemetry(this IServiceCollection services)
    {
        // The default registry is never served; this keeps its collectors (and its MeterAdapter, which would listen to
        // every meter in the process) from starting should anything in the process collect it.
        PrometheusMetrics.SuppressDefaultMetrics();
        services.AddMetrics();
        services.TryAddSingleton(_ =>
        {
            var registry = PrometheusMetrics.NewCustomRegistry();
            ProcessMetrics.Register(registry);
            return registry;
        });
        services.Replace(ServiceDescriptor.Singleton(sp =>
            new ControllerMetrics(sp.GetRequiredService<IMeterFactory>(), sp.GetRequiredService<CollectorRegistry>())));
        return services;
    }
}
