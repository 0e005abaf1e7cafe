using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RolloutController.Policies.Yaml;

/// <summary>
/// Wraps YamlDotNet's parser for <c>YamlStream.Load</c>. YamlStream stops at the first repeated mapping key, which
/// would hide every other problem in the document; this drops the repeated entries (recording them) so the rest
/// loads. It also records where each document ends, so each document's own text can be hashed.
/// <para>
/// It is also the guard between a file and YamlStream, which builds nodes recursively and trusts the parser: every
/// failure becomes a <see cref="YamlException"/> with a position, before the object model is built. It enforces
/// <see cref="PolicyLimits.MaxDepth"/> and <see cref="PolicyLimits.MaxNodes"/>, rejects an alias inside the node it
/// names (a cycle, which YamlDotNet's hashing of keys recurses into forever), and rejects a mapping that ends after
/// a key without a value (which the parser emits for some malformed lines and YamlStream cannot load).
/// </para>
/// </summary>
internal sealed class FilteringParser(IParser inner) : IParser
{
    private readonly Stack<Frame> _frames = new();
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private long _nodes;
    private Mark _reached = Mark.Empty;

    public List<DuplicateKey> Duplicates { get; } = [];

    /// <summary>Character offset just past each document's end, in order.</summary>
    public List<long> DocumentEnds { get; } = [];

    /// <summary>End of the last event read: where a failure of the parser is reported.</summary>
    public Mark Reached => _reached;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        while (Next())
        {
            var current = inner.Current!;
            if (current is Scalar key && _frames.TryPeek(out var frame) && frame.ExpectsKey
                && frame.Keys.TryGetValue(key.Value, out var first))
            {
                Duplicates.Add(new DuplicateKey(PathJoin.Field(frame.Path, key.Value), key.Value, key.Start, first));
                SkipValue();
                continue;
            }
            Track(current);
            return true;
        }
        return false;
    }

    // The parser throws more than YamlException on malformed input (InvalidOperationException, ArgumentException,
    // ArgumentNullException were seen): all of them become a syntax error where reading stopped.
    private bool Next()
    {
        bool moved;
        try
        {
            moved = inner.MoveNext();
        }
        catch (Exception e) when (e is not YamlException)
        {
            throw new YamlException(_reached, _reached, $"cannot be parsed after this point ({e.Message})", e);
        }
        if (moved) _reached = inner.Current!.End;
        return moved;
    }

    private void Track(ParsingEvent current)
    {
        switch (current)
        {
            case DocumentStart:
                // Anchors are scoped to their document.
                _anchors.Clear();
                break;
            case DocumentEnd:
                DocumentEnds.Add(current.End.Index);
                break;
            case MappingStart or SequenceStart:
                Enter((NodeEvent)current, current is MappingStart);
                break;
            case MappingEnd or SequenceEnd:
                Leave(current);
                break;
            case Scalar scalar:
                Count(scalar, 1);
                if (!scalar.Anchor.IsEmpty) _anchors[scalar.Anchor.Value] = new Anchored(Open: false, Size: 1);
                if (_frames.TryPeek(out var frame) && frame.ExpectsKey)
                {
                    frame.Keys[scalar.Value] = scalar.Start;
                    frame.CurrentKey = scalar.Value;
                    frame.CurrentKeyAt = scalar.Start;
                }
                NodeCompleted();
                break;
            case AnchorAlias alias:
                if (_anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    if (anchored.Open)
                        throw new YamlException(alias.Start, alias.End, $"alias *{DiagnosticText.Quote(alias.Value.Value)} is inside the node it names; a node cannot contain itself");
                    Count(alias, anchored.Size);
                }
                NodeCompleted();
                break;
        }
    }

    private void Enter(NodeEvent start, bool isMapping)
    {
        if (_frames.Count >= PolicyLimits.MaxDepth)
            throw new YamlException(start.Start, start.End, $"mappings and sequences are nested more than {PolicyLimits.MaxDepth} levels deep, the limit for a policy file");
        Count(start, 1);
        var frame = new Frame(ChildPath(), isMapping, _nodes);
        if (!start.Anchor.IsEmpty)
        {
            frame.Anchor = new Anchored(Open: true, Size: 0);
            frame.AnchorName = start.Anchor.Value;
            _anchors[frame.AnchorName] = frame.Anchor;
        }
        _frames.Push(frame);
    }

    private void Leave(ParsingEvent end)
    {
        var frame = _frames.Pop();
        if (frame.IsMapping && !frame.ExpectsKey)
            throw new YamlException(frame.CurrentKeyAt, end.End, $"key '{DiagnosticText.Quote(frame.CurrentKey)}' has no value");
        // Only when the anchor was not given to a later node in between (YAML lets a name be reused).
        if (frame.AnchorName is { } name && _anchors.TryGetValue(name, out var anchored) && ReferenceEquals(anchored, frame.Anchor))
            _anchors[name] = new Anchored(Open: false, Size: _nodes - frame.NodesBefore + 1);
        NodeCompleted();
    }

    private void Count(ParsingEvent at, long nodes)
    {
        _nodes += nodes;
        if (_nodes > PolicyLimits.MaxNodes)
            throw new YamlException(at.Start, at.End, $"the file has more than {PolicyLimits.MaxNodes} nodes (aliases counted as the nodes they stand for), the limit for a policy file");
    }

    private string ChildPath()
    {
        if (!_frames.TryPeek(out var parent)) return "";
        if (!parent.IsMapping) return PathJoin.Index(parent.Path, parent.Index);
        return parent.ExpectsKey ? parent.Path : PathJoin.Field(parent.Path, parent.CurrentKey);
    }

    private void NodeCompleted()
    {
        if (!_frames.TryPeek(out var parent)) return;
        if (parent.IsMapping) parent.ExpectsKey = !parent.ExpectsKey;
        else parent.Index++;
    }

    // Called with the repeated key current: consumes the value that follows it, however deep (within the limit).
    private void SkipValue()
    {
        var depth = 0;
        while (Next())
        {
            switch (inner.Current)
            {
                case MappingStart or SequenceStart:
                    if (_frames.Count + ++depth > PolicyLimits.MaxDepth)
                        throw new YamlException(inner.Current.Start, inner.Current.End, $"mappings and sequences are nested more than {PolicyLimits.MaxDepth} levels deep, the limit for a policy file");
                    break;
                case MappingEnd or SequenceEnd: depth--; break;
            }
            if (depth == 0) return;
        }
    }

    /// <summary>What an anchor names so far: a node still being read (an alias to it would be a cycle), or its size.</summary>
    private sealed record Anchored(bool Open, long Size);

    private sealed class Frame(string path, bool isMapping, long nodesBefore)
    {
        public string Path { get; } = path;
        public bool IsMapping { get; } = isMapping;
        public long NodesBefore { get; } = nodesBefore;
        public bool ExpectsKey { get; set; } = isMapping;
        public int Index { get; set; }
        public string CurrentKey { get; set; } = "";
        public Mark CurrentKeyAt { get; set; } = Mark.Empty;
        public string? AnchorName { get; set; }
        public Anchored? Anchor { get; set; }
        public Dictionary<string, Mark> Keys { get; } = new(StringComparer.Ordinal);
    }
}
