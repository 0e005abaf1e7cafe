using System.Collections.Concurrent;
using RolloutController.Rollouts;

namespace RolloutController.Engine;

/// <summary>
/// The latest state of every rollout this replica knows: what it started, restored, saved or read back from the store.
/// A state never replaces a newer version of the same rollout. Rounds and commands start from here instead of reading
/// the store each time (the store's version check still decides every save), and listings, lateness and the served
/// flags are built from it without touching the database. On a single replica it is exactly what is stored; with
/// several it trails another replica's change by at most one catalog refresh.
/// </summary>
internal sealed class KnownRollouts
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public RolloutState? Find(string flagKey) => _entries.TryGetValue(flagKey, out var entry) ? entry.State : null;

    /// <summary>When this replica started watching the rollout (started or restored it), or null.</summary>
    public DateTimeOffset? WatchedSince(string flagKey) => _entries.TryGetValue(flagKey, out var entry) ? entry.WatchedSince : null;

    /// <summary>Every known rollout, in no particular order.</summary>
    public IEnumerable<(RolloutState State, DateTimeOffset? WatchedSince)> All =>
        _entries.Values.Select(e => (e.State, e.WatchedSince));

    /// <summary>
    /// Records <paramref name="state"/> unless the same or a newer version of the rollout is known already (the same
    /// version is the same stored state: keeping the instance lets a round tell that nothing changed while it measured).
    /// </summary>
    public void Update(RolloutState state) =>
        _entries.AddOrUpdate(state.FlagKey, _ => new Entry(state, null),
            (_, existing) => state.Version > existing.State.Version ? existing with { State = state } : existing);

    /// <summary>Records that this replica watches the rollout from <paramref name="since"/> (its start or restore here).</summary>
    public void Watch(RolloutState state, DateTimeOffset since) =>
        _entries.AddOrUpdate(state.FlagKey, _ => new Entry(state, since),
            (_, existing) => new Entry(state.Version > existing.State.Version ? state : existing.State, since));

    public void Forget(string flagKey) => _entries.TryRemove(flagKey, out _);

    private sealed record Entry(RolloutState State, DateTimeOffset? WatchedSince);
}
