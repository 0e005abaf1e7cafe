using RolloutController.Telemetry;

namespace RolloutController.Flags.Changes;

/// <summary>
/// The feed's publishing side: the flag catalog publishes every change here, in order, and each subscriber is handed it
/// without waiting (<see cref="FlagChangeSubscription.Offer"/> takes a lock held for a few instructions). Publishing costs
/// O(subscribers) and never blocks on a reader. Counts changes, merges and subscribers in <see cref="ControllerMetrics"/>.
/// </summary>
internal sealed class FlagChangeBroadcaster : IFlagChangeFeed
{
    private readonly TimeProvider _time;
    private readonly ControllerMetrics? _metrics;
    private readonly Lock _gate = new();
    // Copied on subscribe and leave, read without a lock on every publish.
    private FlagChangeSubscription[] _subscribers = [];
    private FlagChange _latest;

    /// <param name="time">The controller's clock, for <see cref="FlagChange.At"/>.</param>
    /// <param name="metrics">Where changes, merges and subscribers are counted; none in tests that do not look.</param>
    /// <param name="initialETag">The catalog's ETag before the first change.</param>
    public FlagChangeBroadcaster(TimeProvider time, ControllerMetrics? metrics = null, string? initialETag = null)
    {
        _time = time;
        _metrics = metrics;
        _latest = new FlagChange(0, initialETag ?? FlagCatalogSnapshot.Empty.ETag, [], time.GetUtcNow(), Changes: 0);
        metrics?.ObserveChangeSubscribers(() => Subscribers);
    }

    public FlagChange Latest => Volatile.Read(ref _latest);

    public int Subscribers => Volatile.Read(ref _subscribers).Length;

    public FlagChangeSubscription Subscribe()
    {
        var subscription = new FlagChangeSubscription(Leave);
        lock (_gate) _subscribers = [.. _subscribers, subscription];
        return subscription;
    }

    /// <summary>Publishes a change to <paramref name="etag"/> of <paramref name="flags"/> to every subscriber. Callers publish one at a time, in order.</summary>
    public FlagChange Publish(string etag, IEnumerable<string> flags)
    {
        FlagChange change;
        lock (_gate)
        {
            var ordered = flags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            change = new FlagChange(_latest.Sequence + 1, etag, ordered, _time.GetUtcNow());
            Volatile.Write(ref _latest, change);
        }
        var merged = 0;
        foreach (var subscriber in Volatile.Read(ref _subscribers))
            if (subscriber.Offer(change)) merged++;
        _metrics?.FlagChanges.Add(1);
        if (merged > 0) _metrics?.FlagChangesCoalesced.Add(merged);
        return change;
    }

    private void Leave(FlagChangeSubscription subscription)
    {
        lock (_gate) _subscribers = Array.FindAll(_subscribers, s => s != subscription);
    }
}
