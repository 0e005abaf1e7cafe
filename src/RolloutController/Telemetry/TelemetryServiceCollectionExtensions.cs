using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RolloutController.Telemetry;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMeterFactory"/>, <see cref="ControllerMetrics"/> and the <see cref="PrometheusTextExporter"/>
    /// behind <c>/metrics</c>. The exporter is created before the instruments, so nothing recorded is missed.
    /// </summary>
    public static IServiceCollection AddControllerTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<PrometheusTextExporter>();
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            sp.GetRequiredService<PrometheusTextExporter>();
            return new ControllerMetrics(sp.GetRequiredService<IMeterFactory>());
        }));
        return services;
    }
}
