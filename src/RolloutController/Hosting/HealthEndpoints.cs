using RolloutController.Scheduling;

namespace RolloutController.Hosting;

/// <summary>
/// <c>/healthz</c>: the process serves requests. <c>/readyz</c>: 503 until the schema is applied and the policies are
/// started and scheduled; then 200, with a body of <c>ready</c>, or <c>degraded: …</c> naming every part that fails.
/// </summary>
/// <remarks>
/// Degraded stays 200 on purpose. What degrades the controller (a shared store down, Prometheus slow, rounds behind) hits
/// every replica at once; failing readiness would take them all out of their Service and turn it into an outage of flag
/// serving, while each replica still serves the last known flags correctly. The body, the <c>rollout_controller_*</c>
/// metrics and the logs say what is wrong; alerts act on those.
/// </remarks>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (ControllerReadiness readiness) =>
        {
            if (!readiness.IsReady) return Results.Text("starting: schema or policies not loaded yet\n", statusCode: 503);
            var degraded = readiness.Degraded;
            return degraded.Count == 0
                ? Results.Text("ready\n")
                : Results.Text("degraded: " + string.Join("; ", degraded.Select(d => $"{d.Key}: {d.Value}")) + "\n");
        });
        return app;
    }
}
