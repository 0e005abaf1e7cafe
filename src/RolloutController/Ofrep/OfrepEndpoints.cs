using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RolloutController.Flags.Changes;

namespace RolloutController.Ofrep;

/// <summary>Maps the OpenFeature Remote Evaluation Protocol endpoints.</summary>
internal static class OfrepEndpoints
{
    /// <summary>
    /// Maps <c>POST /ofrep/v1/evaluate/flags/{key}</c>, <c>POST /ofrep/v1/evaluate/flags</c> and, when an
    /// <see cref="IFlagChangeFeed"/> is registered, the event stream <c>GET /ofrep/v1/events</c> (advertised in bulk
    /// responses). Requires <see cref="Flags.IFlagCatalog"/>, <see cref="Telemetry.ControllerMetrics"/> and logging in DI;
    /// the stream's options come from <see cref="OfrepEventStreamOptions"/> when registered, else the defaults.
    /// Returns the route group so callers can add authorization or rate limiting.
    /// </summary>
    public static RouteGroupBuilder MapOfrep(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        // The event stream is served, and advertised, where the host has a change feed to stream.
        var events = services.GetService<IFlagChangeFeed>() is null ? null : ActivatorUtilities.CreateInstance<OfrepEventStream>(services,
            services.GetService<IOptions<OfrepEventStreamOptions>>() ?? Options.Create(new OfrepEventStreamOptions()),
            services.GetService<TimeProvider>() ?? TimeProvider.System);
        var handler = events is null ? ActivatorUtilities.CreateInstance<OfrepHandler>(services)
            : ActivatorUtilities.CreateInstance<OfrepHandler>(services, events);
        // One group for the evaluations and the stream, so what protects one (authorization, rate limits) protects both.
        var group = endpoints.MapGroup("/ofrep/v1");
        group.MapPost("/evaluate/flags/{" + OfrepHandler.KeyRouteValue + "}", (RequestDelegate)handler.EvaluateFlagAsync);
        group.MapPost("/evaluate/flags", (RequestDelegate)handler.EvaluateFlagsAsync);
        if (events is not null) group.MapGet(OfrepEventStream.Path["/ofrep/v1".Length..], (RequestDelegate)events.HandleAsync);
        return group;
    }
}
