using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Flags.Builtin;

/// <summary>
/// The controller's own flag store: an immutable snapshot swapped atomically on every change, so OFREP evaluations
/// read it without locks. Changes are visible to the next evaluation (propagation is one memory write).
/// Several writers apply rollout states here — rounds, commands, and the periodic refresh from the store — and one may
/// apply a state it read before another applied a newer one: a rollout's state never replaces a newer version of it.
/// </summary>
internal sealed class BuiltinFlagCatalog : IFlagCatalog, IFlagBackend
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, ServedFlag> _flags = ImmutableDictionary<string, ServedFlag>.Empty.WithComparers(StringComparer.Ordinal);
    private FlagCatalogSnapshot _current = FlagCatalogSnapshot.Empty;

    // The stored version of the rollout state each flag was last applied from.
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);

    public FlagCatalogSnapshot Current => Volatile.Read(ref _current);

    public Task ApplyAsync(RolloutPolicy policy, RolloutState state, CancellationToken cancellationToken)
    {
        var flag = new ServedFlag(state.FlagKey, TransitionTable.IsLive(state.Phase) || state.Phase == RolloutPhase.Completed ? state.Weight : 0m,
            state.Phase, state.StageIndex, policy.Metadata.Name, policy.Metadata.Type,
            state.ExcludedSegments.Select(e => e.Segment).Distinct().ToList());
        lock (_gate)
        {
            if (_versions.TryGetValue(state.FlagKey, out var applied) && state.Version < applied) return Task.CompletedTask;
            _versions[state.FlagKey] = state.Version;
            SetLocked(flag);
        }
        return Task.CompletedTask;
    }

    public void Set(ServedFlag flag)
    {
        lock (_gate) SetLocked(flag);
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            _versions.Remove(key);
            if (!_flags.ContainsKey(key)) return;
            _flags = _flags.Remove(key);
            Publish();
        }
    }

    private void SetLocked(ServedFlag flag)
    {
        if (_flags.TryGetValue(flag.Key, out var existing) && existing == flag) return;
        _flags = _flags.SetItem(flag.Key, flag);
        Publish();
    }

    private void Publish()
    {
        // The ETag is a digest of everything served, so equal content gives an equal ETag across restarts and replicas.
        var text = new StringBuilder();
        foreach (var f in _flags.Values.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(f.Key).Append('\u001f').Append(f.Weight).Append('\u001f').Append(f.Phase).Append('\u001f').Append(f.StageIndex).Append('\u001f').Append(f.PolicyName);
            foreach (var segment in f.Excluded) text.Append('\u001f').Append(segment);
            text.Append('\u001e');
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
        Volatile.Write(ref _current, new FlagCatalogSnapshot(_flags, $"\"{hash}\""));
    }
}
