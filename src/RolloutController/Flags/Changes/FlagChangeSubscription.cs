using System.Threading.Channels;

namespace RolloutController.Flags.Changes;

/// <summary>
/// One subscriber's view of the feed: at most one change waits for it, later ones merge into it. Taking changes is for
/// one reader at a time. Dispose to leave the feed (a disconnected client's subscription must be disposed).
/// </summary>
internal sealed class FlagChangeSubscription : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Action<FlagChangeSubscription> _leave;
    // Wakes the reader; one token is enough since the reader takes whatever is pending when it wakes.
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private FlagChange? _pending;
    private int _disposed;

    internal FlagChangeSubscription(Action<FlagChangeSubscription> leave) => _leave = leave;

    /// <summary>Waits for the next change (merged with any published while none was taken).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ChannelClosedException">The subscription was disposed.</exception>
    public async ValueTask<FlagChange> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _signal.Reader.ReadAsync(cancellationToken);
            if (TryTake(out var change)) return change;
        }
    }

    /// <summary>Takes the pending change, if any, without waiting.</summary>
    public bool TryTake(out FlagChange change)
    {
        lock (_gate)
        {
            change = _pending!;
            _pending = null;
            return change is not null;
        }
    }

    /// <summary>Hands <paramref name="change"/> over without waiting; true when it was merged into one not taken yet.</summary>
    internal bool Offer(FlagChange change)
    {
        bool merged;
        lock (_gate)
        {
            merged = _pending is not null;
            _pending = merged ? _pending!.MergedWith(change) : change;
        }
        _signal.Writer.TryWrite(true);
        return merged;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _leave(this);
        _signal.Writer.TryComplete();
    }
}
