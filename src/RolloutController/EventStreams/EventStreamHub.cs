using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RolloutController.Flags.Changes;

namespace RolloutController.EventStreams;

/// <summary>
/// One Server-Sent Events endpoint fed by the flag change feed (OFREP's <c>/ofrep/v1/events</c>, the dashboard's
/// <c>/dashboard/events</c>). While at least one client is connected, the hub holds one feed subscription: each change
/// is formatted once and written to every connection in one pass, straight into its response (no per-connection task
/// to wake), and one timer sends every idle connection its keep-alive. A slow client only merges changes into one
/// pending event (<see cref="EventStreamConnection"/>), so it never holds up the pass or another client; one that does
/// not take a write within <see cref="EventStreamLimits.WriteTimeout"/> is dropped. Beyond
/// <see cref="EventStreamLimits.MaxConnections"/>, 503 with <c>Retry-After</c>.
/// </summary>
internal sealed class EventStreamHub(
    IFlagChangeFeed feed,
    EventStreamFormat format,
    EventStreamLimits limits,
    EventStreamMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    private static readonly KeyValuePair<string, object?>[] Outcomes =
        [new("outcome", "opened"), new("outcome", "refused"), new("outcome", "closed"), new("outcome", "dropped_slow")];

    private readonly Lock _gate = new();
    private readonly KeyValuePair<string, object?> _streamTag = new("stream", metrics.Stream);
    // Copied on join and leave, read without a lock by every pass.
    private EventStreamConnection[] _connections = [];
    private FlagChangeSubscription? _subscription;
    private ITimer? _heartbeat;
    private int _open;
    private int _fullLogged;

    /// <summary>
    /// Serves one client until it leaves or is dropped. <paramref name="greeting"/> gives the stream's first bytes; it is
    /// called after the connection joined the fan-out, so it must read the current state then.
    /// </summary>
    public async Task ServeAsync(HttpContext http, Func<EventStreamGreeting> greeting)
    {
        if (Interlocked.Increment(ref _open) > limits.MaxConnections)
        {
            Interlocked.Decrement(ref _open);
            Count("refused");
            if (Interlocked.Exchange(ref _fullLogged, 1) == 0) EventStreamLog.Full(logger, metrics.Stream, limits.MaxConnections);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "5";
            return;
        }
        Volatile.Write(ref _fullLogged, 0);
        metrics.AddOpen(1);
        Count("opened");
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";

        var connection = new EventStreamConnection(http, format, metrics, limits, time);
        Join(connection);
        var outcome = "closed";
        try
        {
            // Read once the connection takes changes: a change published in between is then either in the greeting or
            // pending on the connection (and skipped there if the greeting already told it).
            var first = greeting();
            using (http.RequestAborted.Register(static c => ((EventStreamConnection)c!).Close("closed"), connection))
            {
                connection.Greet(first.Bytes, first.IsEvent, first.Told);
                outcome = await connection.Ended;
            }
        }
        finally
        {
            connection.Close(outcome);
            Leave(connection);
            Interlocked.Decrement(ref _open);
            metrics.AddOpen(-1);
            Count(outcome);
            if (outcome == "dropped_slow") EventStreamLog.DroppedSlow(logger, metrics.Stream, limits.WriteTimeout);
        }
    }

    private void Join(EventStreamConnection connection)
    {
        lock (_gate)
        {
            if (_connections.Length == 0) Start();
            _connections = [.. _connections, connection];
        }
    }

    private void Leave(EventStreamConnection connection)
    {
        lock (_gate)
        {
            _connections = Array.FindAll(_connections, c => c != connection);
            if (_connections.Length == 0) Stop();
        }
    }

    // Under _gate: the first connection subscribes the hub to the feed and starts the heartbeat.
    private void Start()
    {
        var subscription = feed.Subscribe();
        _subscription = subscription;
        _heartbeat = time.CreateTimer(static hub => ((EventStreamHub)hub!).Beat(), this, limits.Heartbeat, limits.Heartbeat);
        _ = Task.Run(() => FanOutAsync(subscription));
    }

    // Under _gate: the last one leaving ends both (the pass ends when its subscription is disposed).
    private void Stop()
    {
        _subscription?.Dispose();
        _subscription = null;
        _heartbeat?.Dispose();
        _heartbeat = null;
    }

    private async Task FanOutAsync(FlagChangeSubscription subscription)
    {
        while (true)
        {
            FlagChange change;
            try
            {
                change = await subscription.NextAsync(CancellationToken.None);
            }
            catch (ChannelClosedException)
            {
                return;
            }
            var encoded = format.Event(change);
            var coalesced = 0;
            foreach (var connection in Volatile.Read(ref _connections))
                if (connection.Offer(change, encoded) == EventStreamOffer.Merged) coalesced++;
            if (coalesced > 0) metrics.Coalesced.Add(coalesced);
            metrics.FanOut.Record(Math.Max(0, (time.GetUtcNow() - change.At).TotalSeconds), _streamTag);
        }
    }

    private void Beat()
    {
        foreach (var connection in Volatile.Read(ref _connections)) connection.Heartbeat();
    }

    private void Count(string outcome) =>
        metrics.Connections.Add(1, Array.Find(Outcomes, o => (string)o.Value! == outcome));
}
