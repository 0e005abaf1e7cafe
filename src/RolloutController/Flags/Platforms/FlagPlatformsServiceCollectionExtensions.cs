using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RolloutController.Flags.Builtin;
using RolloutController.Telemetry;

namespace RolloutController.Flags.Platforms;

internal static class FlagPlatformsServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the flag platform connections (<see cref="FlagPlatformOptions"/>) and, when any is configured,
    /// makes <see cref="PlatformFlagBackend"/> the engine's backend with the service that keeps platforms in step. Call
    /// before <c>AddBuiltinFlags</c>; needs the engine's notice publisher and the telemetry.
    /// </summary>
    public static IServiceCollection AddFlagPlatforms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FlagPlatformOptions>()
            .Configure(o => configuration.GetSection(FlagPlatformOptions.SectionName).Bind(o.Connections))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FlagPlatformOptions>>(new FlagPlatformOptionsValidator(Environment.GetEnvironmentVariable));
        if (!configuration.GetSection(FlagPlatformOptions.SectionName).GetChildren().Any()) return services;

        services.AddHttpClient(PlatformConnections.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).AddRedactedLogging();
        services.TryAddSingleton<PlatformConnections>();
        services.TryAddSingleton(sp =>
        {
            var sync = ActivatorUtilities.CreateInstance<PlatformSync>(sp);
            sp.GetRequiredService<ControllerMetrics>().ObservePlatforms(() => sync.All.Select(f =>
            {
                lock (f.Gate)
                    return new PlatformGauge(f.Desired.FlagKey, f.Platform.Name, f.Status.ToString().ToLowerInvariant(), f.Observed?.ServedWeight,
                        f.Status == PlatformSyncStatus.RollbackPending);
            }).ToList());
            return sync;
        });
        services.TryAddSingleton<IFlagBackend>(sp => new PlatformFlagBackend(sp.GetRequiredService<BuiltinFlagCatalog>(), sp.GetRequiredService<PlatformSync>()));
        services.AddHostedService<PlatformSyncService>();
        return services;
    }
}
