using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RolloutController.Policies.Yaml;

/// <summary>
/// Wraps YamlDotNet's parser for <c>YamlStream.Load</c>. YamlStream stops at the first repeated mapping key, which
/// would hide every other problem in the document; this drops the repeated entries (recording them) so the rest
/// loads. It also records where each document ends, so each document's own text can be hashed.
/// </summary>
internal sealed class FilteringParser(IParser inner) : IParser
{
    private readonly Stack<Frame> _frames = new();

    public List<DuplicateKey> Duplicates { get; } = [];

    /// <summary>Character offset just past each document's end, in order.</summary>
    public List<long> DocumentEnds { get; } = [];

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        while (inner.MoveNext())
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

    private void Track(ParsingEvent current)
    {
        switch (current)
        {
            case DocumentEnd:
                DocumentEnds.Add(current.End.Index);
                break;
            case MappingStart:
                _frames.Push(new Frame(ChildPath(), isMapping: true));
                break;
            case SequenceStart:
                _frames.Push(new Frame(ChildPath(), isMapping: false));
                break;
            case MappingEnd or SequenceEnd:
                _frames.Pop();
                NodeCompleted();
                break;
            case Scalar scalar:
                if (_frames.TryPeek(out var frame) && frame.ExpectsKey)
                {
                    frame.Keys[scalar.Value] = scalar.Start;
                    frame.CurrentKey = scalar.Value;
                }
                NodeCompleted();
                break;
            case AnchorAlias:
                NodeCompleted();
                break;
        }
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

    // Called with the repeated key current: consumes the value that follows it, however deep.
    private void SkipValue()
    {
        var depth = 0;
        while (inner.MoveNext())
        {
            switch (inner.Current)
            {
                case MappingStart or SequenceStart: depth++; break;
                case MappingEnd or SequenceEnd: depth--; break;
            }
            if (depth == 0) return;
        }
    }

    private sealed class Frame(string path, bool isMapping)
    {
        public string Path { get; } = path;
        public bool IsMapping { get; } = isMapping;
        public bool ExpectsKey { get; set; } = isMapping;
        public int Index { get; set; }
        public string CurrentKey { get; set; } = "";
        public Dictionary<string, Mark> Keys { get; } = new(StringComparer.Ordinal);
    }
}
