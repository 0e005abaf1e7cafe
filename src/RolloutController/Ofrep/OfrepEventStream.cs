using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RolloutController.Flags;
using RolloutController.Flags.Changes;
using RolloutController.Telemetry;

namespace RolloutController.Ofrep;

/// <summary>
/// <c>GET /ofrep/v1/events</c>: OFREP's event stream (ADR-0008) as Server-Sent Events. Every change of what this replica
/// serves is written as <c>event: message</c> with <c>data: {"type":"refetchEvaluation","etag":…,"lastModified":…}</c>
/// and <c>id:</c> the catalog ETag; a client that reconnects with a <c>Last-Event-ID</c> other than the current ETag (or
/// none) is told to refetch at once, so a change made while it was away is never missed. Each connection reads its own
/// feed subscription: a slow client only merges changes into one pending event and never holds up the others or the
/// writer; a client that does not take a write within <see cref="OfrepEventStreamOptions.WriteTimeout"/> is dropped.
/// See docs/push.md.
/// </summary>
internal sealed class OfrepEventStream(
    IFlagChangeFeed feed,
    IFlagCatalog catalog,
    ControllerMetrics metrics,
    IOptions<OfrepEventStreamOptions> options,
    TimeProvider time,
    ILogger<OfrepEventStream> logger)
{
    public const string Path = "/ofrep/v1/events";

    private readonly OfrepEventStreamOptions _options = options.Value;
    private int _open;
    private int _fullLogged;

    /// <summary>What bulk responses advertise: this stream, relative to the request's path base.</summary>
    public OfrepEventStreamLink[] LinkFor(HttpRequest request) =>
        [new("sse", new OfrepEventStreamEndpoint(request.PathBase + Path), (int)_options.InactivityDelay.TotalSeconds)];

    public async Task HandleAsync(HttpContext http)
    {
        if (Interlocked.Increment(ref _open) > _options.MaxConnections)
        {
            Interlocked.Decrement(ref _open);
            metrics.EventStreamConnections.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
            if (Interlocked.Exchange(ref _fullLogged, 1) == 0) OfrepEventStreamLog.Full(logger, Volatile.Read(ref _open), _options.MaxConnections);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "5";
            return;
        }
        Volatile.Write(ref _fullLogged, 0);
        metrics.AddEventStream(1);
        metrics.EventStreamConnections.Add(1, new KeyValuePair<string, object?>("outcome", "opened"));
        var outcome = "closed";
        // Subscribed before the current ETag is read, so a change in between is either in the ETag or in the feed.
        using var subscription = feed.Subscribe();
        try
        {
            outcome = await StreamAsync(http, subscription);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
            metrics.AddEventStream(-1);
            metrics.EventStreamConnections.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    private async Task<string> StreamAsync(HttpContext http, FlagChangeSubscription subscription)
    {
        var response = http.Response;
        var aborted = http.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";

        var current = catalog.Current.ETag;
        var preamble = new StringBuilder().Append("retry: ").Append((long)_options.ReconnectDelay.TotalMilliseconds).Append("\n\n");
        var behind = http.Request.Headers["Last-Event-ID"].ToString() != current;
        if (behind) AppendEvent(preamble, current, time.GetUtcNow());
        if (await WriteAsync(response, preamble.ToString(), aborted) is { } failed) return failed;
        if (behind) metrics.EventStreamEvents.Add(1);

        var next = subscription.NextAsync(aborted).AsTask();
        Task? heartbeat = null;
        while (!aborted.IsCancellationRequested)
        {
            // One timer per connection at a time, whatever the rate of changes.
            heartbeat ??= Task.Delay(_options.Heartbeat, time, aborted);
            var first = await Task.WhenAny(next, heartbeat);
            if (aborted.IsCancellationRequested) break;
            string text;
            if (first == next)
            {
                var change = await next;
                next = subscription.NextAsync(aborted).AsTask();
                if (change.ETag == current) continue;
                current = change.ETag;
                text = AppendEvent(new StringBuilder(), change.ETag, change.At).ToString();
                metrics.EventStreamEvents.Add(1);
            }
            else
            {
                heartbeat = null;
                text = ": keep-alive\n\n";
            }
            if (await WriteAsync(response, text, aborted) is { } dropped) return dropped;
        }
        return "closed";
    }

    // Null when written; otherwise the connection's outcome: the client went away, or did not take the write within
    // WriteTimeout (then the connection is aborted, which also ends the stalled write: a stalled flush is not
    // guaranteed to stop on a cancelled token, so the deadline is a race, not a token).
    private async Task<string?> WriteAsync(HttpResponse response, string text, CancellationToken aborted)
    {
        var write = WriteCoreAsync(response, text, aborted);
        if (!write.IsCompleted)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            var deadline = Task.Delay(_options.WriteTimeout, time, stop.Token);
            if (await Task.WhenAny(write, deadline) != write && !aborted.IsCancellationRequested)
            {
                response.HttpContext.Abort();
                _ = write.ContinueWith(static t => t.Exception, TaskScheduler.Default);
                OfrepEventStreamLog.DroppedSlow(logger, _options.WriteTimeout);
                return "dropped_slow";
            }
            await stop.CancelAsync();
        }
        try
        {
            await write;
            return null;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            return "closed";
        }
    }

    private static async Task WriteCoreAsync(HttpResponse response, string text, CancellationToken aborted) =>
        await response.BodyWriter.WriteAsync(Encoding.UTF8.GetBytes(text), aborted);

    private static StringBuilder AppendEvent(StringBuilder text, string etag, DateTimeOffset at)
    {
        var data = JsonSerializer.Serialize(new OfrepRefetchEvent("refetchEvaluation", etag, at.ToUnixTimeSeconds()),
            OfrepJsonContext.Default.OfrepRefetchEvent);
        return text.Append("id: ").Append(etag).Append("\nevent: message\ndata: ").Append(data).Append("\n\n");
    }
}
