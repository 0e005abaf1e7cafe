using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RolloutController.Telemetry;

namespace RolloutController.Policies;

internal static class PolicyServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PolicyRegistry"/> (singleton) and <see cref="PolicyWatcher"/> (hosted service, also resolvable
    /// to trigger <see cref="PolicyWatcher.ReloadNow"/>), reading policies from <paramref name="directory"/>.
    /// Options are validated at startup.
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
        services.TryAddSingleton(sp => new PolicyRegistry(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<PolicyWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PolicyWatcher>());
        return services;
    }
}
