using System.Collections.Concurrent;

namespace RolloutController.SampleService;

/// <summary>
/// The last answer the controller gave per flag and targeting key, so an outage of the controller keeps every user on the
/// side they were on (docs/push.md, "Fallbacks": the recommendation for release flags) instead of switching everyone to
/// the code default; and when the controller last answered, for the staleness gauge.
/// </summary>
/// <remarks>
/// Bounded: at most <see cref="Capacity"/> keys are remembered (the first ones seen; later ones get the code default on an
/// outage), so a service with many users does not grow without limit. A real service would keep an LRU; the bound is
/// what matters for the demo.
/// </remarks>
internal sealed class LastKnownGood(TimeProvider time)
{
    /// <summary>Keys remembered at most: 100,000.</summary>
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<(string Flag, string Key), bool> _answers = new();
    private readonly ConcurrentDictionary<string, long> _lastAnswered = new(StringComparer.Ordinal);
    private readonly long _started = time.GetTimestamp();

    public void Remember(string flag, string key, bool on)
    {
        if (_answers.Count < Capacity || _answers.ContainsKey((flag, key))) _answers[(flag, key)] = on;
        _lastAnswered[flag] = time.GetTimestamp();
    }

    /// <summary>A user the controller already answered for gets that answer again; anyone else the code default (off).</summary>
    public FlagAnswer Fallback(string flag, string key) =>
        _answers.TryGetValue((flag, key), out var on) ? new FlagAnswer(on, FlagAnswerSource.LastKnownGood) : new FlagAnswer(false, FlagAnswerSource.Default);

    /// <summary>Time since the controller last answered for <paramref name="flag"/>; since start when it never has.</summary>
    public TimeSpan Staleness(string flag) =>
        time.GetElapsedTime(_lastAnswered.TryGetValue(flag, out var at) ? at : _started);
}
