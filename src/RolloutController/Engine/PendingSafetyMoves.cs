using System.Collections.Concurrent;
using RolloutController.Telemetry;
using RolloutController.Rollouts;

namespace RolloutController.Engine;

/// <summary>Every rollout with a safety move served but not yet stored (see <see cref="SafetyRule"/>).</summary>
internal sealed class PendingSafetyMoves
{
    private readonly ConcurrentDictionary<string, PendingSafetyMove> _moves = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public PendingSafetyMoves(ControllerMetrics telemetry, TimeProvider time)
    {
        _time = time;
        telemetry.ObservePendingSafety(() => _moves.Count, () => OldestAge().TotalSeconds);
    }

    public int Count => _moves.Count;

    public IReadOnlyCollection<PendingSafetyMove> All => [.. _moves.Values];

    public PendingSafetyMove? Find(string flagKey) => _moves.GetValueOrDefault(flagKey);

    public PendingSafetyMove GetOrAdd(string flagKey, Func<PendingSafetyMove> create) => _moves.GetOrAdd(flagKey, _ => create());

    public void Remove(string flagKey, PendingSafetyMove move) => _moves.TryRemove(new KeyValuePair<string, PendingSafetyMove>(flagKey, move));

    public TimeSpan OldestAge()
    {
        var now = _time.GetUtcNow();
        return _moves.Values.Select(m => now - m.Since).DefaultIfEmpty(TimeSpan.Zero).Max();
    }
}
