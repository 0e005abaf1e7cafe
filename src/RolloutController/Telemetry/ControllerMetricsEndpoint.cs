using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace RolloutController.Telemetry;

internal static class ControllerMetricsEndpoint
{
    /// <summary>Maps <c>GET /metrics</c> (Prometheus text format 0.0.4). Requires <c>AddControllerTelemetry</c>.</summary>
    public static IEndpointConventionBuilder MapControllerMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics") =>
        endpoints.MapGet(pattern, async context =>
        {
            var exporter = context.RequestServices.GetRequiredService<PrometheusTextExporter>();
            var body = exporter.Collect();
            context.Response.ContentType = PrometheusText.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(body, context.RequestAborted);
        });
}
