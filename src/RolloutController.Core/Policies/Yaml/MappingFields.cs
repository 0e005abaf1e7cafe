using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RolloutController.Policies.Yaml;

/// <summary>
/// The entries of one mapping, checked on construction: keys must be plain names from the allowed list
/// (every other key is reported with the allowed ones).
/// </summary>
internal sealed class MappingFields
{
    private const string MergeKey = "<<";

    private readonly NodeReader _reader;
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    /// <param name="at">Where problems of the mapping as a whole are reported: its key, or the mapping itself.</param>
    public MappingFields(NodeReader reader, YamlMappingNode node, string path, YamlNode at, IReadOnlyList<string> allowed)
    {
        _reader = reader;
        Node = node;
        Path = path;
        At = at;
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || YamlScalars.Kind((YamlScalarNode)key) != ScalarKind.String)
            {
                reader.Error(key, path, $"keys must be field names, got {YamlScalars.Describe(key)}");
                continue;
            }
            if (name == MergeKey && ((YamlScalarNode)key).Style == ScalarStyle.Plain)
            {
                // YAML 1.2 has no merge keys and the loader does not expand them; say so rather than "unknown field".
                reader.Error(key, path, "merge keys (<<) are not supported: write the fields out, or use an alias (*name) for a whole value");
                continue;
            }
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                reader.Error(key, PathJoin.Field(path, name), $"unknown field '{DiagnosticText.Quote(name)}'; allowed fields: {string.Join(", ", allowed)}");
                continue;
            }
            _entries[name] = (key, value);
        }
    }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    public YamlNode At { get; }

    public Field Optional(string name) =>
        _entries.TryGetValue(name, out var entry)
            ? new Field(entry.Value, PathJoin.Field(Path, name), entry.Key)
            : new Field(null, PathJoin.Field(Path, name));

    /// <summary>The field, or an absent one after reporting it missing at <see cref="At"/>.</summary>
    public Field Required(string name)
    {
        var field = Optional(name);
        if (field.Node is null) _reader.Error(At, field.Path, $"missing required field '{name}'");
        return field;
    }
}
