namespace RolloutController.Notifications.Alertmanager;

/// <summary>Settings shared by every Alertmanager channel (<c>RolloutController:Notifications:Alertmanager</c>).</summary>
internal sealed class AlertmanagerOptions
{
    public static readonly TimeSpan MinRepostInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the alerts of open incidents are posted again. Each post keeps an alert active for four periods, so it
    /// stays active through a few missed re-posts and ends on its own within four periods of the controller going away.
    /// Default 1 minute (Prometheus re-sends its alerts as often); at least 1 second.
    /// </summary>
    public TimeSpan RepostInterval { get; set; } = TimeSpan.FromMinutes(1);
}
