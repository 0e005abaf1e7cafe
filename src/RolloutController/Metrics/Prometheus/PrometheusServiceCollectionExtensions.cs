using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RolloutController.Telemetry;

namespace RolloutController.Metrics.Prometheus;

internal static class PrometheusServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMetricsProvider"/> backed by Prometheus, its options (section <c>RolloutController:Prometheus</c>,
    /// validated on start) and a typed <see cref="HttpClient"/>, and <see cref="IQueryLinks"/> to Prometheus's graph page.
    /// Also registers the controller's metrics if not yet present.
    /// </summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PrometheusOptions>()
            .Bind(configuration.GetSection(PrometheusOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrometheusOptions>, PrometheusOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ControllerMetrics>();
        services.TryAddSingleton<PrometheusQuerySlots>();
        // Replaces the link-less default that notifications register, whichever is added first.
        services.RemoveAll<IQueryLinks>();
        services.AddSingleton<IQueryLinks, PrometheusGraphLink>();
        services.AddHttpClient<IMetricsProvider, PrometheusMetricsProvider>(client =>
        {
            // Each attempt has its own timeout (PrometheusOptions.Timeout), enforced with the injected clock.
            client.Timeout = Timeout.InfiniteTimeSpan;
        })
        // The provider lives as long as the process, so its handler is never rotated by the factory: recycle
        // connections instead, so a changed address behind the Prometheus name (a Kubernetes Service) is picked up.
        .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        // The bearer token and extra headers may be credentials, and so may a URL's user info or query.
        .AddRedactedLogging();
        return services;
    }
}
