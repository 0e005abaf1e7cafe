using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RolloutController.Scheduling;

namespace RolloutController.Store;

internal static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StoreOptions"/> (section <c>RolloutController:Store</c> of <paramref name="configuration"/>,
    /// validated at start), the <see cref="IRolloutStore"/> singleton for the configured provider, and a hosted service
    /// that migrates the schema at start-up, preceded on SQLite by the lock that keeps the file to one process.
    /// Register it before the services that use the store.
    /// </summary>
    public static IServiceCollection AddRolloutStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        // Saves of concurrent rounds share transactions (GroupCommitRolloutStore); every failure is seen (ObservedRolloutStore).
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Telemetry.ControllerMetrics>();
        services.TryAddSingleton<ControllerReadiness>();
        services.TryAddSingleton<StoreHealth>();
        services.AddSingleton<IRolloutStore>(provider => new ObservedRolloutStore(new GroupCommitRolloutStore(RolloutStoreFactory.Create(
            provider.GetRequiredService<IOptions<StoreOptions>>().Value, provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance)),
            provider.GetRequiredService<StoreHealth>()));
        // First of the store's start-up steps: a second controller on the same SQLite file stops before touching it.
        services.AddHostedService<Sqlite.SqliteSingleProcessGuard>();
        services.AddHostedService<StoreMigrationService>();
        services.AddHostedService<StoreRetentionService>();
        return services;
    }
}
