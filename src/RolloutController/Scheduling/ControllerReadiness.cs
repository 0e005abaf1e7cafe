using System.Collections.Concurrent;

namespace RolloutController.Scheduling;

/// <summary>
/// Ready once the schema is applied and the first set of policies is started and scheduled. Degraded while something
/// the controller depends on for its guarantees fails (rounds falling behind, the store unreachable): each part reports
/// its own reason, and clears it when it recovers.
/// </summary>
internal sealed class ControllerReadiness
{
    private readonly ConcurrentDictionary<string, string> _degraded = new(StringComparer.Ordinal);
    private volatile bool _ready;

    public bool IsReady => _ready;

    /// <summary>Why the controller is degraded, by the part that said so, in name order; empty when it is not.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Degraded =>
        _degraded.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();

    public void MarkReady() => _ready = true;

    /// <summary>Sets (or with null, clears) why <paramref name="part"/> degrades the controller.</summary>
    public void SetDegraded(string part, string? reason)
    {
        if (reason is null) _degraded.TryRemove(part, out _);
        else _degraded[part] = reason;
    }
}
