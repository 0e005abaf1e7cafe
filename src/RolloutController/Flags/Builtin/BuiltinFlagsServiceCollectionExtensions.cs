using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RolloutController.Flags.Builtin;

internal static class BuiltinFlagsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in flag catalog as what OFREP serves (<see cref="IFlagCatalog"/>) and what the engine drives
    /// (<see cref="IFlagBackend"/>), and the service that keeps it in step with the store. Needs the store and the telemetry.
    /// </summary>
    public static IServiceCollection AddBuiltinFlags(this IServiceCollection services)
    {
        services.TryAddSingleton<BuiltinFlagCatalog>();
        services.TryAddSingleton<IFlagCatalog>(sp => sp.GetRequiredService<BuiltinFlagCatalog>());
        services.TryAddSingleton<IFlagBackend>(sp => sp.GetRequiredService<BuiltinFlagCatalog>());
        services.AddHostedService<CatalogRefreshService>();
        return services;
    }
}
