using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using RolloutController.Policies;
using RolloutController.Flags;
using RolloutController.Rollouts;
using RolloutController.Flags.Changes;

namespace RolloutController.Flags.Builtin;

/// <summary>
/// The controller's own flag store: an immutable snapshot swapped atomically on every change, so OFREP evaluations
/// read it without locks. Changes are visible to the next evaluation (propagation is one memory write).
/// Several writers apply rollout states here — rounds, commands, and the periodic refresh from the store — and one may
/// apply a state it read before another applied a newer one: a rollout's state never replaces a newer version of it.
/// </summary>
/// <remarks>
/// A change costs O(log n) in the number of flags, not O(n): the bulk ETag is the sum of a digest per flag, updated by
/// subtracting the old flag's digest and adding the new one. Equal content still gives an equal ETag, whatever the order
/// flags were applied in, across restarts and replicas. <see cref="ApplyMany"/> publishes one snapshot for many states.
/// </remarks>
/// <param name="changes">Where every published change is announced (OFREP's event stream, dashboards); none when nothing listens.</param>
internal sealed class BuiltinFlagCatalog(FlagChangeBroadcaster? changes = null) : IFlagCatalog, IFlagBackend
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, ServedFlag> _flags = ImmutableDictionary<string, ServedFlag>.Empty.WithComparers(StringComparer.Ordinal);
    private FlagCatalogSnapshot _current = FlagCatalogSnapshot.Empty;

    // Per flag: the stored version of the rollout state it was last applied from, and the digest of what it serves.
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _digests = new(StringComparer.Ordinal);
    private ulong _digestSum;

    // Flags serving a safety move not yet stored: nothing else replaces what they serve until unpinned.
    private readonly HashSet<string> _pinned = new(StringComparer.Ordinal);

    // Flag and segment documents in force, and what is evaluated: declared flags (rebuilt together whenever a rollout
    // they depend on changes, since prerequisites point at each other) and the implicit flags of the other rollouts.
    private FlagDeclarations _declarations = FlagDeclarations.None;
    private ImmutableDictionary<string, ServableFlag> _servable = ImmutableDictionary<string, ServableFlag>.Empty.WithComparers(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    // Kill switches by flag (the newest version seen of each), those not stored yet (pinned), and their share of the ETag.
    private ImmutableDictionary<string, FlagSwitch> _switches = ImmutableDictionary<string, FlagSwitch>.Empty.WithComparers(StringComparer.Ordinal);
    private readonly HashSet<string> _pinnedSwitches = new(StringComparer.Ordinal);
    private ulong _switchDigest;

    /// <summary>Replaces the Flag and Segment documents in force (after a policy reload) and publishes.</summary>
    public void SetDeclarations(IReadOnlyList<FlagDefinition> flags, IReadOnlyList<SegmentDefinition> segments)
    {
        lock (_gate)
        {
            var previous = _declarations;
            _declarations = new FlagDeclarations(flags, segments);
            if (_declarations.Digest == previous.Digest) return;
            foreach (var key in previous.Flags.Keys) _changed.Add(key);
            foreach (var key in _declarations.Flags.Keys) _changed.Add(key);
            Publish();
        }
    }

    public FlagCatalogSnapshot Current => Volatile.Read(ref _current);

    public Task ApplyAsync(RolloutPolicy policy, RolloutState state, CancellationToken cancellationToken)
    {
        ApplyMany([(policy, state)]);
        return Task.CompletedTask;
    }

    public Task ApplyManyAsync(IReadOnlyList<(RolloutPolicy Policy, RolloutState State)> states, CancellationToken cancellationToken)
    {
        ApplyMany(states);
        return Task.CompletedTask;
    }

    /// <summary>Applies many rollout states at once and publishes one snapshot (start-up, refreshes).</summary>
    public void ApplyMany(IEnumerable<(RolloutPolicy Policy, RolloutState State)> states)
    {
        lock (_gate)
        {
            var changed = false;
            foreach (var (policy, state) in states)
            {
                if (_pinned.Contains(state.FlagKey)) continue;
                if (_versions.TryGetValue(state.FlagKey, out var applied) && state.Version < applied) continue;
                _versions[state.FlagKey] = state.Version;
                changed |= SetLocked(ServedFlag.Of(policy, state));
            }
            if (changed) Publish();
        }
    }

    public Task ApplyPinnedAsync(RolloutPolicy policy, RolloutState state, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _pinned.Add(state.FlagKey);
            if (SetLocked(ServedFlag.Of(policy, state))) Publish();
        }
        return Task.CompletedTask;
    }

    public IReadOnlyList<PrerequisiteShare> PrerequisitesOf(string flagKey) =>
        Current.Servable.TryGetValue(flagKey, out var flag) ? PrerequisiteShares.Of(flag) : [];

    public void Unpin(string flagKey)
    {
        lock (_gate) _pinned.Remove(flagKey);
    }

    public void ApplySwitch(FlagSwitch flagSwitch, bool pinned)
    {
        lock (_gate)
        {
            if (pinned) _pinnedSwitches.Add(flagSwitch.FlagKey);
            if (SetSwitchLocked(flagSwitch)) Publish();
        }
    }

    public void ApplySwitches(IReadOnlyList<FlagSwitch> stored)
    {
        lock (_gate)
        {
            var changed = false;
            foreach (var flagSwitch in stored)
                if (!_pinnedSwitches.Contains(flagSwitch.FlagKey)) changed |= SetSwitchLocked(flagSwitch);
            if (changed) Publish();
        }
    }

    public void UnpinSwitch(string flagKey)
    {
        lock (_gate) _pinnedSwitches.Remove(flagKey);
    }

    public FlagSwitch? SwitchOf(string flagKey) => Volatile.Read(ref _switches).GetValueOrDefault(flagKey);

    // A switch never replaces a newer version of itself (a refresh that read the store before a command stored).
    private bool SetSwitchLocked(FlagSwitch flagSwitch)
    {
        if (_switches.TryGetValue(flagSwitch.FlagKey, out var current) && (current.Version > flagSwitch.Version || current == flagSwitch)) return false;
        if (current is not null) _switchDigest -= SwitchDigest(current);
        _switchDigest += SwitchDigest(flagSwitch);
        Volatile.Write(ref _switches, _switches.SetItem(flagSwitch.FlagKey, flagSwitch));
        _changed.Add(flagSwitch.FlagKey);
        return true;
    }

    public void Set(ServedFlag flag)
    {
        lock (_gate)
        {
            if (SetLocked(flag)) Publish();
        }
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            _versions.Remove(key);
            if (!_flags.ContainsKey(key)) return;
            _changed.Add(key);
            _flags = _flags.Remove(key);
            _digestSum -= _digests[key];
            _digests.Remove(key);
            Publish();
        }
    }

    private bool SetLocked(ServedFlag flag)
    {
        if (_flags.TryGetValue(flag.Key, out var existing) && existing == flag) return false;
        _changed.Add(flag.Key);
        _flags = _flags.SetItem(flag.Key, flag);
        var digest = Digest(flag);
        if (_digests.TryGetValue(flag.Key, out var old)) _digestSum -= old;
        _digests[flag.Key] = digest;
        _digestSum += digest;
        return true;
    }

    private void Publish()
    {
        var rebuildDeclared = false;
        var changedKeys = changes is null ? null : new List<string>(_changed);
        foreach (var key in _changed)
        {
            if (_declarations.Affects(key)) rebuildDeclared = true;
            if (_declarations.Flags.ContainsKey(key)) continue;
            _servable = _flags.TryGetValue(key, out var served) ? _servable.SetItem(key, Switched(served.Implicit)) : _servable.Remove(key);
        }
        _changed.Clear();
        if (rebuildDeclared)
        {
            _servable = _servable.SetItems(_declarations.Build(_flags, _switches));
            changedKeys?.AddRange(_declarations.Flags.Keys);
        }
        var etag = $"\"{_digestSum + _declarations.Digest + _switchDigest:x16}{_servable.Count:x}\"";
        var previous = _current;
        Volatile.Write(ref _current, new FlagCatalogSnapshot(_flags, etag, _servable));
        // Announced under the lock, so subscribers see changes in the order they were served.
        if (changedKeys is not null && etag != previous.ETag) changes!.Publish(etag, changedKeys);
    }

    // A flag without a document under its kill switch: its default variant for everyone while switched off.
    private ServableFlag Switched(ServableFlag flag) =>
        _switches.GetValueOrDefault(flag.Key) is { Off: true } off
            ? new ServableFlag(flag.Definition, flag.Live.Under(off), flag.Prerequisites, flag.RuleSegments)
            : flag;

    private static ulong SwitchDigest(FlagSwitch s) =>
        BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"switch\u001f{s.FlagKey}\u001f{s.Off}\u001f{s.Version}")));

    // 64 bits of SHA-256 over everything served for the flag: sums of such digests collide only by accident.
    private static ulong Digest(ServedFlag f)
    {
        var text = new StringBuilder();
        text.Append(f.Key).Append('\u001f').Append(f.Weight).Append('\u001f').Append(f.Phase).Append('\u001f').Append(f.StageIndex).Append('\u001f').Append(f.PolicyName);
        foreach (var segment in f.Excluded) text.Append('\u001f').Append(segment);
        return BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
