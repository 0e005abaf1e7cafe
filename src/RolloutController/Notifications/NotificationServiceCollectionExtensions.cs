using RolloutController.Metrics;
using RolloutController.Rollouts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RolloutController.Telemetry;
using RolloutController.Engine;
using RolloutController.Hosting;
using RolloutController.Notifications.Alertmanager;

namespace RolloutController.Notifications;

internal static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="NotificationOptions"/> from <c>RolloutController:Notifications</c> (at startup), and
    /// registers <see cref="NotificationDispatcher"/> as a singleton and hosted service. Needs an <c>IRolloutStore</c>.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(NotificationOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        // RolloutController:ExternalUrl: notifications link each rollout's page under it.
        services.AddOptions<ControllerOptions>().Bind(configuration.GetSection(ControllerOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ControllerOptions>, ControllerOptionsValidator>());
        // Routes keep their clients for the life of the process: recycle connections so DNS changes are picked up.
        services.AddHttpClient(NotificationRoutes.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            // A Slack webhook URL is a credential in its path: the default request logs would write it out.
            .AddRedactedLogging();
        services.AddMetrics();
        services.TryAddSingleton<ControllerMetrics>();
        services.TryAddSingleton(TimeProvider.System);
        // Graph links come from the metrics backend (AddPrometheusMetrics); without one, notifications carry none.
        services.TryAddSingleton<IQueryLinks, NoQueryLinks>();
        services.TryAddSingleton<AlertHistory>();
        services.TryAddSingleton<NotificationRoutes>();
        services.TryAddSingleton<OutboxPlanner>();
        services.TryAddSingleton<NotificationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        services.TryAddSingleton<DigestAssembler>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestAssembler>());
        services.TryAddSingleton<AlertmanagerReposter>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertmanagerReposter>());
        services.TryAddSingleton<INoticePublisher>(sp => sp.GetRequiredService<NotificationDispatcher>());
        return services;
    }
}
