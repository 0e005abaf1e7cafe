using RolloutController.EventStreams;
using RolloutController.Flags.Changes;
using RolloutController.Telemetry;

namespace RolloutController.Dashboard;

/// <summary>
/// <c>GET /dashboard/events</c>: the dashboard's live updates as Server-Sent Events, from the same in-process change feed
/// and the same writer as OFREP's event stream (<see cref="EventStreamHub"/>). Each change of what this replica serves
/// is written at once as <c>event: change</c> with the flags it concerns (<see cref="DashboardEventFormat"/>); the page
/// refetches itself when one of them is its own. A slow browser merges changes into one pending event and never holds
/// up another; one that does not take a write within <see cref="WriteTimeout"/> is dropped (it reconnects by itself).
/// At most <see cref="MaxConnections"/> are open at once; beyond, 503 with Retry-After.
/// </summary>
internal sealed class DashboardEvents(IFlagChangeFeed feed, ControllerMetrics metrics, TimeProvider time, ILogger<DashboardEvents> logger)
{
    public const string Path = "/dashboard/events";

    /// <summary>Browsers connected at once, at most: 1,000.</summary>
    public const int MaxConnections = 1000;

    /// <summary>A comment line every 15 s keeps proxies from closing an idle stream.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>How long one write may wait for the browser: 10 s.</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    // Reconnect after a second; the page refetches itself on reconnecting, so nothing missed meanwhile stays missed.
    private static readonly EventStreamGreeting Greeting = new("retry: 1000\n\n"u8.ToArray(), IsEvent: false, Told: null);

    private readonly EventStreamHub _hub = new(feed, DashboardEventFormat.Instance,
        new EventStreamLimits(MaxConnections, Heartbeat, WriteTimeout), metrics.DashboardEventStreams, time, logger);

    public Task HandleAsync(HttpContext http) => _hub.ServeAsync(http, static () => Greeting);
}
