using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using RolloutController.Flags.Changes;

namespace RolloutController.EventStreams;

/// <summary>
/// One client's event stream. Events are written by whoever offers them (the hub's fan-out, its heartbeat) straight into
/// the response, so a change reaches a ready client without a hop through a queue. One write is in flight at a time:
/// what arrives meanwhile merges into one pending change, a heartbeat meanwhile is dropped (the client is not idle).
/// A write the client does not take at once is finished asynchronously, raced against the write timeout; the writer
/// never waits for it.
/// </summary>
internal sealed class EventStreamConnection
{
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

    private readonly HttpContext _http;
    // Read once: the context is reused for another request once this one is over.
    private readonly CancellationToken _aborted;
    private readonly PipeWriter _writer;
    private readonly EventStreamFormat _format;
    private readonly EventStreamMetrics _metrics;
    private readonly EventStreamLimits _limits;
    private readonly TimeProvider _time;
    // Held for the state below and around every synchronous write, so a write never starts once the connection closed.
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _writing;
    private bool _closed;
    private FlagChange? _pending;
    private string? _told;
    private string? _outcome;

    public EventStreamConnection(HttpContext http, EventStreamFormat format, EventStreamMetrics metrics, EventStreamLimits limits,
        TimeProvider time)
    {
        _http = http;
        _aborted = http.RequestAborted;
        _writer = http.Response.BodyWriter;
        _format = format;
        _metrics = metrics;
        _limits = limits;
        _time = time;
        // Until the greeting is written, offers only merge into the pending change.
        _writing = true;
    }

    /// <summary>Completes with the outcome (<c>closed</c>, <c>dropped_slow</c>) when the connection is over.</summary>
    public Task<string> Ended => _ended.Task;

    /// <summary>
    /// Writes the stream's first bytes (<paramref name="isEvent"/>: they hold an event), after which the client has the
    /// id <paramref name="told"/> (its <c>Last-Event-ID</c>, or what the greeting told it); then whatever was offered meanwhile.
    /// </summary>
    public void Greet(byte[] greeting, bool isEvent, string? told)
    {
        lock (_gate) _told = told;
        Pump(greeting, isEvent);
    }

    /// <summary>
    /// Writes <paramref name="change"/> (already formatted as <paramref name="encoded"/>) now if the client is ready; else it
    /// is merged into the pending one. Never waits.
    /// </summary>
    public EventStreamOffer Offer(FlagChange change, byte[] encoded)
    {
        lock (_gate)
        {
            if (_closed) return EventStreamOffer.Skipped;
            if (_writing)
            {
                var merged = _pending is not null;
                _pending = merged ? _pending!.MergedWith(change) : change;
                return merged ? EventStreamOffer.Merged : EventStreamOffer.Pending;
            }
            if (IsTold(change)) return EventStreamOffer.Skipped;
            _told = _format.Id(change);
            _writing = true;
        }
        return Pump(encoded, isEvent: true) ? EventStreamOffer.Written : EventStreamOffer.Pending;
    }

    /// <summary>Writes a keep-alive comment if nothing is being written.</summary>
    public void Heartbeat()
    {
        lock (_gate)
        {
            if (_closed || _writing) return;
            _writing = true;
        }
        Pump(KeepAlive, isEvent: false);
    }

    /// <summary>Ends the connection (the client went away, or the stream stops); no write starts after this returns.</summary>
    public void Close(string outcome) => End(outcome);

    // Writes bytes, then each pending change, while the client takes them at once. True when the first bytes were taken
    // at once; false when they are still in flight (finished by FinishAsync) or the connection ended.
    private bool Pump(byte[] bytes, bool isEvent)
    {
        var first = true;
        while (true)
        {
            ValueTask<FlushResult> flush;
            lock (_gate)
            {
                if (_closed) { _writing = false; return false; }
                try
                {
                    _writer.Write(bytes);
                    flush = _writer.FlushAsync(_aborted);
                }
                catch (Exception e) when (ClientGone(e))
                {
                    End("closed");
                    return false;
                }
            }
            if (!flush.IsCompleted)
            {
                _ = FinishAsync(flush, isEvent);
                return false;
            }
            if (!Taken(flush)) return false;
            if (isEvent) _metrics.Events.Add(1);
            if (TakePending() is not { } next) return first;
            (bytes, isEvent, first) = (next, true, false);
        }
    }

    // The rest of a write the client did not take at once: it gets the write timeout, then the connection is aborted
    // (which also ends the stalled flush: a stalled flush is not guaranteed to stop on a cancelled token, so the deadline
    // is a race, not a token).
    private async Task FinishAsync(ValueTask<FlushResult> flush, bool isEvent)
    {
        var write = flush.AsTask();
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(_aborted))
        {
            var deadline = Task.Delay(_limits.WriteTimeout, _time, stop.Token);
            if (await Task.WhenAny(write, deadline) != write)
            {
                if (_aborted.IsCancellationRequested) { End("closed"); return; }
                _ = write.ContinueWith(static t => t.Exception, TaskScheduler.Default);
                // The outcome is settled before the abort, whose callbacks end the connection as "closed"; the abort
                // comes before the end is told, since once told, the request may be over and its context someone else's.
                lock (_gate) _outcome ??= "dropped_slow";
                _http.Abort();
                End("dropped_slow");
                return;
            }
            await stop.CancelAsync();
        }
        FlushResult result;
        try
        {
            result = await write;
        }
        catch (Exception e) when (ClientGone(e))
        {
            End("closed");
            return;
        }
        if (!Taken(result)) return;
        if (isEvent) _metrics.Events.Add(1);
        if (TakePending() is { } next) Pump(next, isEvent: true);
    }

    private bool Taken(ValueTask<FlushResult> flush)
    {
        try
        {
            return Taken(flush.Result);
        }
        catch (Exception e) when (ClientGone(e))
        {
            End("closed");
            return false;
        }
    }

    private bool Taken(FlushResult result)
    {
        if (!result.IsCompleted && !result.IsCanceled) return true;
        End("closed");
        return false;
    }

    // The pending change's bytes (the write stays ours), or null when there is none (the write is over).
    private byte[]? TakePending()
    {
        FlagChange change;
        lock (_gate)
        {
            while (true)
            {
                if (_closed || _pending is null) { _writing = false; return null; }
                change = _pending;
                _pending = null;
                if (!IsTold(change)) break;
            }
            _told = _format.Id(change);
        }
        return _format.Event(change);
    }

    // The first outcome settled is the one told.
    private void End(string outcome)
    {
        lock (_gate)
        {
            _writing = false;
            _closed = true;
            outcome = _outcome ??= outcome;
        }
        _ended.TrySetResult(outcome);
    }

    // What a write or flush throws when the client went away or the request ended: the connection is over, not a bug.
    private static bool ClientGone(Exception e) => e is IOException or OperationCanceledException or InvalidOperationException;

    private bool IsTold(FlagChange change) => _format.Id(change) is { } id && id == _told;
}
