using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RolloutController.EventStreams;
using RolloutController.Flags;
using RolloutController.Flags.Changes;
using RolloutController.Telemetry;

namespace RolloutController.Ofrep;

/// <summary>
/// <c>GET /ofrep/v1/events</c>: OFREP's event stream (ADR-0008) as Server-Sent Events. Every change of what this replica
/// serves is written as a refetch event (<see cref="OfrepEventFormat"/>) to every connection in one pass
/// (<see cref="EventStreamHub"/>); a client that connects with a <c>Last-Event-ID</c> other than the current ETag (or
/// none) is told to refetch at once, so a change made while it was away is never missed. A slow client only merges
/// changes into one pending event and never holds up the others; one that does not take a write within
/// <see cref="OfrepEventStreamOptions.WriteTimeout"/> is dropped. See docs/push.md.
/// </summary>
internal sealed class OfrepEventStream
{
    public const string Path = "/ofrep/v1/events";

    private readonly IFlagCatalog _catalog;
    private readonly OfrepEventStreamOptions _options;
    private readonly TimeProvider _time;
    private readonly EventStreamHub _hub;

    public OfrepEventStream(IFlagChangeFeed feed, IFlagCatalog catalog, ControllerMetrics metrics, IOptions<OfrepEventStreamOptions> options,
        TimeProvider time, ILogger<OfrepEventStream> logger)
    {
        _catalog = catalog;
        _options = options.Value;
        _time = time;
        _hub = new EventStreamHub(feed, OfrepEventFormat.Instance,
            new EventStreamLimits(_options.MaxConnections, _options.Heartbeat, _options.WriteTimeout), metrics.OfrepEventStreams, time, logger);
    }

    /// <summary>What bulk responses advertise: this stream, relative to the request's path base.</summary>
    public OfrepEventStreamLink[] LinkFor(HttpRequest request) =>
        [new("sse", new OfrepEventStreamEndpoint(request.PathBase + Path), (int)_options.InactivityDelay.TotalSeconds)];

    public Task HandleAsync(HttpContext http)
    {
        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
        return _hub.ServeAsync(http, () => Greeting(lastEventId));
    }

    private EventStreamGreeting Greeting(string lastEventId)
    {
        var current = _catalog.Current.ETag;
        var text = new StringBuilder().Append("retry: ").Append((long)_options.ReconnectDelay.TotalMilliseconds).Append("\n\n");
        var behind = lastEventId != current;
        if (behind) text.Append(OfrepEventFormat.Text(current, _time.GetUtcNow()));
        return new EventStreamGreeting(Encoding.UTF8.GetBytes(text.ToString()), behind, current);
    }
}
