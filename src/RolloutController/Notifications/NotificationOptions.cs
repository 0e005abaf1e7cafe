using RolloutController.Notifications.Alertmanager;

namespace RolloutController.Notifications;

/// <summary>Where notifications go and how hard delivery tries. Section <c>RolloutController:Notifications</c>.</summary>
internal sealed class NotificationOptions
{
    public const string SectionName = "RolloutController:Notifications";

    /// <summary>Route name (what a policy lists under <c>notify</c>) to its channels. Names compare case-insensitively.</summary>
    public Dictionary<string, List<NotificationChannelOptions>> Routes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Owner (a policy's <c>metadata.owner</c>) to route names per severity, e.g. <c>team-payments</c>: critical to
    /// <c>pagerduty-payments</c>, info to <c>slack-payments</c>. Owners compare case-insensitively. Default none.
    /// </summary>
    public Dictionary<string, SeverityRouteOptions> OwnerRoutes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Route names per severity for an owner not listed in <see cref="OwnerRoutes"/>. Default none.</summary>
    public SeverityRouteOptions DefaultRoutes { get; set; } = new();

    /// <summary>
    /// Route name to digest period: info-level advances on that route are held and sent as one digest per period
    /// (<see cref="Rollouts.DigestRule"/>); warnings and critical notices never wait. At least 1 minute. Default none.
    /// </summary>
    public Dictionary<string, TimeSpan> Digests { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Attempts per notification and channel, the first included. Default 6.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; doubled for each further one, with jitter. Default 1 second.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts, a receiver's <c>Retry-After</c> included. Default 5 minutes.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// No longer read: graph links come from <c>RolloutController:Prometheus:ExternalUrl</c> (else <c>Prometheus:Url</c>).
    /// Bound only so that a configuration still setting it is refused at start-up, naming the replacement.
    /// </summary>
    public string? PrometheusUrl { get; set; }

    /// <summary>
    /// How long a replica holds a claimed delivery before another may take it over (when it crashed mid-attempt). Longer
    /// than any channel's <c>Timeout</c>. Default 1 minute.
    /// </summary>
    public TimeSpan DeliveryLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>HTTP requests in flight at once across all channels. Default 8.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 8;

    /// <summary>
    /// The team's dashboard for a flag, linked from every notification: an absolute http(s) URL in which <c>{flag}</c>
    /// stands for the flag key, e.g. <c>https://grafana.example.com/d/rollouts?var-flag={flag}</c>. Default none.
    /// </summary>
    public string? DashboardUrl { get; set; }

    /// <summary>Settings shared by every Alertmanager channel (<c>Notifications:Alertmanager</c>).</summary>
    public AlertmanagerOptions Alertmanager { get; set; } = new();

    /// <summary>The owner map as the routing rule takes it (<see cref="Rollouts.NoticeRouting"/>).</summary>
    public Rollouts.OwnerRouting OwnerRouting() =>
        new(OwnerRoutes.ToDictionary(o => o.Key, o => (o.Value ?? new()).ToRoutes(), StringComparer.OrdinalIgnoreCase), DefaultRoutes.ToRoutes());

    /// <summary>The route names a policy's <c>notify</c> may use.</summary>
    public IReadOnlySet<string> KnownRouteNames() => new HashSet<string>(Routes.Keys, StringComparer.OrdinalIgnoreCase);
}
