using System.Collections.Frozen;
using RolloutController.Flags;
using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>Turns one <c>kind: Segment</c> document into a <see cref="PolicyDraft"/> carrying a <see cref="SegmentDefinition"/>.</summary>
internal static class SegmentDocumentReader
{
    public static PolicyDraft Read(NodeReader reader, MappingFields document, string file, string documentText)
    {
        var errorsBefore = reader.Diagnostics.Count;
        string? name = null, owner = null, reason = null;
        Located? nameAt = null;
        if (reader.Fields(document.Required("metadata"), "name", "owner", "reason") is { } metadata)
        {
            var nameField = metadata.Required("name");
            name = reader.String(nameField, PolicyPatterns.PolicyNameRegex(), "segment name",
                "use 1 to 63 lower-case letters, digits and '-', starting and ending with a letter or digit");
            nameAt = reader.Locate(name, nameField);
            owner = reader.String(metadata.Required("owner"));
            reason = reader.String(metadata.Required("reason"));
        }

        if (reader.Fields(document.Required("spec"), "when", "keys") is not { } spec) return new PolicyDraft(null, nameAt, null, PolicyPatterns.SegmentKind);
        var whenField = spec.Optional("when");
        var keysField = spec.Optional("keys");
        if (whenField.Node is null && keysField.Node is null)
            reader.Error(spec.At, spec.Path, "a segment needs 'when', 'keys' or both: which contexts are in it");
        var when = ConditionReader.Read(reader, whenField);
        var keys = Keys(reader, keysField);

        var segment = reader.Diagnostics.Count > errorsBefore || nameAt is null || owner is null || reason is null || when is null || keys is null
            ? null
            : new SegmentDefinition(name!, owner, reason, when, keys, file, PolicyDocumentReader.Revision(documentText), nameAt);
        return new PolicyDraft(null, nameAt, null, PolicyPatterns.SegmentKind, Segment: segment);
    }

    private static FrozenSet<string>? Keys(NodeReader reader, Field field)
    {
        if (field.Node is null) return FrozenSet<string>.Empty;
        if (reader.Sequence(field) is not { } sequence) return null;
        var errors = reader.Diagnostics.Count;
        var keys = new List<string>();
        for (var i = 0; i < sequence.Children.Count; i++)
            if (reader.String(new Field(sequence.Children[i], PathJoin.Index(field.Path, i))) is { } key) keys.Add(key);
        return reader.Diagnostics.Count > errors ? null : keys.ToFrozenSet(StringComparer.Ordinal);
    }
}
