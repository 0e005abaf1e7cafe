using System.Text;
using System.Text.Json;
using RolloutController.Flags.Changes;

namespace RolloutController.Dashboard;

/// <summary>
/// <c>GET /dashboard/events</c>: the dashboard's live updates as Server-Sent Events, from the same in-process change feed
/// as OFREP's event stream (<see cref="IFlagChangeFeed"/>). Each change of what this replica serves is written at once
/// as <c>event: change</c> with the flags it concerns; the page refetches itself when one of them is its own. A
/// connection reads its own subscription, so a slow browser merges changes into one pending event and never holds up
/// the writer or another browser; one that does not take a write within <see cref="WriteTimeout"/> is dropped (it
/// reconnects by itself). At most <see cref="MaxConnections"/> are open at once; beyond, 503 with Retry-After.
/// </summary>
internal sealed class DashboardEvents(IFlagChangeFeed feed, TimeProvider time, ILogger<DashboardEvents> logger)
{
    public const string Path = "/dashboard/events";

    /// <summary>Browsers connected at once, at most: 1,000.</summary>
    public const int MaxConnections = 1000;

    /// <summary>A comment line every 15 s keeps proxies from closing an idle stream.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>How long one write may wait for the browser: 10 s.</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    private int _open;

    public async Task HandleAsync(HttpContext http)
    {
        if (Interlocked.Increment(ref _open) > MaxConnections)
        {
            Interlocked.Decrement(ref _open);
            DashboardLog.EventsFull(logger, MaxConnections);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "5";
            return;
        }
        try
        {
            using var subscription = feed.Subscribe();
            await StreamAsync(http, subscription);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    private async Task StreamAsync(HttpContext http, FlagChangeSubscription subscription)
    {
        var response = http.Response;
        var aborted = http.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        // Reconnect after a second; the page refetches itself on reconnecting, so nothing missed meanwhile stays missed.
        if (!await WriteAsync(response, "retry: 1000\n\n", aborted)) return;

        var next = subscription.NextAsync(aborted).AsTask();
        Task? heartbeat = null;
        while (!aborted.IsCancellationRequested)
        {
            heartbeat ??= Task.Delay(Heartbeat, time, aborted);
            var first = await Task.WhenAny(next, heartbeat);
            if (aborted.IsCancellationRequested) break;
            string text;
            if (first == next)
            {
                var change = await next;
                next = subscription.NextAsync(aborted).AsTask();
                text = Event(change);
            }
            else
            {
                heartbeat = null;
                text = ": keep-alive\n\n";
            }
            if (!await WriteAsync(response, text, aborted)) return;
        }
    }

    /// <summary>One change as an SSE event: <c>event: change</c>, <c>data: {"flags": [...], "sequence": n}</c>.</summary>
    public static string Event(FlagChange change) =>
        $"event: change\ndata: {JsonSerializer.Serialize(new DashboardChange(change.Flags, change.Sequence), Json)}\n\n";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // False when the browser went away or did not take the write in time (then the connection is aborted).
    private async Task<bool> WriteAsync(HttpResponse response, string text, CancellationToken aborted)
    {
        var write = response.BodyWriter.WriteAsync(Encoding.UTF8.GetBytes(text), aborted).AsTask();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        if (await Task.WhenAny(write, Task.Delay(WriteTimeout, time, stop.Token)) != write)
        {
            response.HttpContext.Abort();
            _ = write.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            return false;
        }
        await stop.CancelAsync();
        try
        {
            await write;
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
