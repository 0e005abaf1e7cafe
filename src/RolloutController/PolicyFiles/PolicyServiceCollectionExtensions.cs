using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RolloutController.Notifications;
using RolloutController.Telemetry;
using RolloutController.Engine;
using RolloutController.Policies;

namespace RolloutController.PolicyFiles;

internal static class PolicyServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PolicyRegistry"/> (singleton, also the engine's <see cref="IPolicySource"/>), checking each
    /// policy's <c>notify</c> against the configured notification routes (so call <c>AddNotifications</c> too: a typo in a
    /// route is a validation error), and <see cref="PolicyWatcher"/> (hosted service, also resolvable to trigger
    /// <see cref="PolicyWatcher.ReloadNow"/>) reading policies from <paramref name="directory"/>, with
    /// <see cref="InitialPolicyLoad"/> reading them once while the host starts. Options are validated at startup.
    /// </summary>
    public static IServiceCollection AddPolicies(this IServiceCollection services, string directory, Action<PolicyWatcherOptions>? configure = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ControllerMetrics>();
        services.AddOptions<PolicyWatcherOptions>()
            .Configure(o =>
            {
                o.Directory = directory;
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PolicyWatcherOptions>, PolicyWatcherOptionsValidator>());
        services.TryAddSingleton(sp => new PolicyRegistry(sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<NotificationOptions>>().Value.KnownRouteNames(),
            sp.GetRequiredService<IOptions<Flags.Platforms.FlagPlatformOptions>>().Value.KnownProviders()));
        services.TryAddSingleton<Engine.IPolicySource>(sp => sp.GetRequiredService<PolicyRegistry>());
        services.TryAddSingleton<PolicyWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PolicyWatcher>());
        // Before the rollout supervisor (registered later): its first pass must find the policies loaded.
        services.AddHostedService<InitialPolicyLoad>();
        return services;
    }
}
