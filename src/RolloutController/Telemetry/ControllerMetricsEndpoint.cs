using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace RolloutController.Telemetry;

internal static class ControllerMetricsEndpoint
{
    /// <summary>
    /// Maps <c>GET /metrics</c>: prometheus-net's endpoint over this host's registry, in the Prometheus text format 0.0.4
    /// only (OpenMetrics is not offered, so every scraper reads the same names). Requires <c>AddControllerTelemetry</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapControllerMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        // Created now, so the first scrape already lists every family.
        endpoints.ServiceProvider.GetRequiredService<ControllerMetrics>();
        var registry = endpoints.ServiceProvider.GetRequiredService<CollectorRegistry>();
        var endpoint = endpoints.MapMetrics(settings =>
        {
            settings.Registry = registry;
            settings.EnableOpenMetrics = false;
        }, pattern);
        endpoint.WithMetadata(new HttpMethodMetadata(["GET"]));
        endpoint.Add(builder =>
        {
            var serve = builder.RequestDelegate!;
            builder.RequestDelegate = context =>
            {
                context.Response.Headers.CacheControl = "no-store";
                return serve(context);
            };
        });
        return endpoint;
    }
}
