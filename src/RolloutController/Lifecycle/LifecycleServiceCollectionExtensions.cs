namespace RolloutController.Lifecycle;

internal static class LifecycleServiceCollectionExtensions
{
    /// <summary>The lifecycle assessment of flags, and the minute-by-minute counts of overdue and stale flags for <c>/metrics</c>.</summary>
    public static IServiceCollection AddLifecycle(this IServiceCollection services)
    {
        services.AddSingleton<LifecycleReader>();
        services.AddSingleton<LifecycleMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<LifecycleMonitor>());
        return services;
    }
}
