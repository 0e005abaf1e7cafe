using RolloutController.Flags;
using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>Turns one <c>kind: Flag</c> document into a <see cref="PolicyDraft"/> carrying a <see cref="FlagDefinition"/>.</summary>
internal static class FlagDocumentReader
{
    public static PolicyDraft Read(NodeReader reader, MappingFields document, string file, string documentText)
    {
        var errorsBefore = reader.Diagnostics.Count;
        var (metadata, name) = MetadataReader.Read(reader, document.Required("metadata"), out var metadataFields, "layer");
        var layerField = metadataFields?.Optional("layer") ?? default;
        var layer = layerField.Node is null ? FlagLayer.App : reader.Enum<FlagLayer>(layerField);

        if (reader.Fields(document.Required("spec"), "key", "state", "variants", "defaultVariant", "bucketing", "prerequisites", "rules", "fallthrough") is not { } spec)
            return new PolicyDraft(null, name, null, PolicyPatterns.FlagKind);

        var keyField = spec.Required("key");
        var key = reader.String(keyField, PolicyPatterns.FlagKeyRegex(), "flag key",
            "use 1 to 128 letters, digits, '-', '_' or '.', and not '.' or '..' alone (they cannot be used in a URL path)");
        var keyAt = reader.Locate(key, keyField);
        var stateField = spec.Optional("state");
        var state = stateField.Node is null ? FlagState.Enabled : reader.Enum<FlagState>(stateField);
        var variants = VariantReader.Read(reader, spec.Required("variants"));
        var defaultVariant = VariantReader.Reference(reader, spec.Required("defaultVariant"), variants);
        var salt = Salt(reader, spec.Optional("bucketing"), key);
        var prerequisites = FlagSpecReader.Prerequisites(reader, spec.Optional("prerequisites"));
        var rules = FlagSpecReader.Rules(reader, spec.Optional("rules"), variants);
        var fallthrough = FlagSpecReader.Fallthrough(reader, spec.Optional("fallthrough"), variants, defaultVariant);

        var flag = reader.Diagnostics.Count > errorsBefore || metadata is null || layer is null || keyAt is null || state is null
                   || variants is null || defaultVariant is null || salt is null || prerequisites is null || rules is null || fallthrough is null
            ? null
            : new FlagDefinition(metadata, layer.Value, key!, state.Value, variants, defaultVariant.Value, salt, prerequisites, rules, fallthrough,
                file, PolicyDocumentReader.Revision(documentText), keyAt);
        return new PolicyDraft(null, name, keyAt, PolicyPatterns.FlagKind, Flag: flag);
    }

    // Flags sharing a salt bucket a key identically, so a smaller share is inside a larger one; the default, the flag key,
    // keeps bucketing what it was for flags without documents (and what flagd's fractional computes).
    private static string? Salt(NodeReader reader, Field field, string? key)
    {
        if (field.Node is null) return key ?? "";
        if (reader.Fields(field, "salt") is not { } fields) return null;
        return reader.String(fields.Required("salt"), PolicyPatterns.FlagKeyRegex(), "salt", "use 1 to 128 letters, digits, '-', '_' or '.'");
    }
}
