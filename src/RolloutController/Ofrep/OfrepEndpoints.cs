using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace RolloutController.Ofrep;

/// <summary>Maps the OpenFeature Remote Evaluation Protocol endpoints.</summary>
internal static class OfrepEndpoints
{
    /// <summary>
    /// Maps <c>POST /ofrep/v1/evaluate/flags/{key}</c> and <c>POST /ofrep/v1/evaluate/flags</c>.
    /// Requires <see cref="Flags.IFlagCatalog"/>, <see cref="Telemetry.ControllerMetrics"/> and logging in DI.
    /// Returns the route group so callers can add authorization or rate limiting.
    /// </summary>
    public static RouteGroupBuilder MapOfrep(this IEndpointRouteBuilder endpoints)
    {
        var handler = ActivatorUtilities.CreateInstance<OfrepHandler>(endpoints.ServiceProvider);
        var group = endpoints.MapGroup("/ofrep/v1/evaluate");
        group.MapPost("/flags/{" + OfrepHandler.KeyRouteValue + "}", (RequestDelegate)handler.EvaluateFlagAsync);
        group.MapPost("/flags", (RequestDelegate)handler.EvaluateFlagsAsync);
        return group;
    }
}
