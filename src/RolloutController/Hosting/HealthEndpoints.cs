using RolloutController.Scheduling;

namespace RolloutController.Hosting;

/// <summary><c>/healthz</c>: the process serves requests. <c>/readyz</c>: schema applied and policies scheduled.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (ControllerReadiness readiness) =>
            readiness.IsReady ? Results.Text("ready\n") : Results.Text("starting: schema or policies not loaded yet\n", statusCode: 503));
        return app;
    }
}
