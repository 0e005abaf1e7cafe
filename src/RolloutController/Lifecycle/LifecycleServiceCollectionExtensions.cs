namespace RolloutController.Lifecycle;

internal static class LifecycleServiceCollectionExtensions
{
    /// <summary>
    /// The lifecycle assessment of flags, the minute-by-minute counts of overdue and stale flags for <c>/metrics</c>, and
    /// the reminders to their owners.
    /// </summary>
    public static IServiceCollection AddLifecycle(this IServiceCollection services)
    {
        services.AddSingleton<LifecycleReader>();
        services.AddSingleton<ReviewReminderSender>();
        services.AddSingleton<LifecycleMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<LifecycleMonitor>());
        return services;
    }
}
