using Microsoft.Extensions.DependencyInjection.Extensions;
using RolloutController.Flags.Changes;

namespace RolloutController.Flags.Builtin;

internal static class BuiltinFlagsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in flag catalog as what OFREP serves (<see cref="IFlagCatalog"/>) and what the engine drives
    /// (<see cref="IFlagBackend"/>), the change feed every change is announced on
    /// (<see cref="IFlagChangeFeed"/>), the service that keeps it in step with the
    /// store, and on PostgreSQL the LISTEN connection that brings every replica's changes at once. Needs the store and the telemetry.
    /// </summary>
    public static IServiceCollection AddBuiltinFlags(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new FlagChangeBroadcaster(
            sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<Telemetry.ControllerMetrics>()));
        services.TryAddSingleton<IFlagChangeFeed>(sp => sp.GetRequiredService<FlagChangeBroadcaster>());
        services.TryAddSingleton(sp =>
        {
            // Flag and Segment documents follow the policies in force: applied now, and again after every reload that changes them.
            var catalog = new BuiltinFlagCatalog(sp.GetRequiredService<FlagChangeBroadcaster>());
            if (sp.GetService<Engine.IPolicySource>() is { } policies)
            {
                policies.Changed += (_, _) => catalog.SetDeclarations(policies.Flags, policies.Segments);
                catalog.SetDeclarations(policies.Flags, policies.Segments);
            }
            return catalog;
        });
        services.TryAddSingleton<IFlagCatalog>(sp => sp.GetRequiredService<BuiltinFlagCatalog>());
        services.TryAddSingleton<IFlagBackend>(sp => sp.GetRequiredService<BuiltinFlagCatalog>());
        // One instance: the periodic refresh, and what the LISTEN connection uses to read what another replica announced.
        services.TryAddSingleton<CatalogRefreshService>();
        services.AddHostedService(sp => sp.GetRequiredService<CatalogRefreshService>());
        services.AddHostedService<PostgresChangeListener>();
        return services;
    }
}
