using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RolloutController.Flags;

/// <summary>
/// The Flag and Segment documents in force, and how they become servable flags given what the rollouts serve: a declared
/// flag takes its rollout's share and exclusions; a prerequisite that has no document is the rollout's implicit flag.
/// </summary>
internal sealed class FlagDeclarations
{
    public FlagDeclarations(IReadOnlyList<FlagDefinition> flags, IReadOnlyList<SegmentDefinition> segments)
    {
        Flags = flags.ToDictionary(f => f.Key, StringComparer.Ordinal);
        Segments = segments.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _prerequisites = flags.SelectMany(f => f.Prerequisites).Select(p => p.Flag).ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var f in flags.OrderBy(f => f.Key, StringComparer.Ordinal)) text.Append(f.Source).Append('\u001f').Append(f.Revision).Append('\u001e');
        foreach (var s in segments.OrderBy(s => s.Name, StringComparer.Ordinal)) text.Append(s.Source).Append('\u001f').Append(s.Revision).Append('\u001e');
        Digest = text.Length == 0 ? 0 : BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static FlagDeclarations None { get; } = new([], []);

    private readonly HashSet<string> _prerequisites;

    public IReadOnlyDictionary<string, FlagDefinition> Flags { get; }

    public IReadOnlyDictionary<string, SegmentDefinition> Segments { get; }

    /// <summary>64 bits of SHA-256 over the documents' revisions: part of the bulk ETag, so a new revision is refetched.</summary>
    public ulong Digest { get; }

    /// <summary>Whether a change to what <paramref name="key"/> serves changes a declared flag.</summary>
    public bool Affects(string key) => Flags.ContainsKey(key) || _prerequisites.Contains(key);

    /// <summary>
    /// Every declared flag, servable, over what the rollouts in <paramref name="rollouts"/> serve now and the kill switches
    /// in <paramref name="switches"/> (a prerequisite switched off serves its default variant to its dependents too).
    /// </summary>
    public IEnumerable<KeyValuePair<string, ServableFlag>> Build(
        IReadOnlyDictionary<string, ServedFlag> rollouts, IReadOnlyDictionary<string, FlagSwitch>? switches = null)
    {
        if (Flags.Count == 0) return [];
        var definitions = Flags.Values.ToList();
        // A prerequisite without a document whose rollout is not served yet (not started) serves nothing of its ramp: off.
        foreach (var key in _prerequisites.Where(k => !Flags.ContainsKey(k)))
            definitions.Add(rollouts.TryGetValue(key, out var served) ? served.Implicit.Definition
                : FlagDefinition.Implicit(key, new Policies.PolicyMetadata(key, "", Policies.FlagType.Release, "", null)));
        var graph = FlagGraph.Build(definitions, Segments, definition =>
            (!rollouts.TryGetValue(definition.Key, out var served) ? FlagLiveState.AsDeclared
                : Flags.ContainsKey(definition.Key) ? served.Live
                : served.Implicit.Live).Under(switches?.GetValueOrDefault(definition.Key)));
        return graph.Where(g => Flags.ContainsKey(g.Key));
    }
}
