using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>Reads and checks <c>metadata</c>: name, owner, type, reason and the removal plan.</summary>
internal static class MetadataReader
{
    public static (PolicyMetadata? Metadata, Located? Name) Read(NodeReader reader, Field field) => Read(reader, field, out _);

    /// <param name="fields">The metadata's fields, for the caller to read <paramref name="extra"/> fields from.</param>
    /// <param name="extra">Fields allowed besides the common ones (a flag's <c>layer</c>).</param>
    public static (PolicyMetadata? Metadata, Located? Name) Read(NodeReader reader, Field field, out MappingFields? fields, params string[] extra)
    {
        fields = reader.Fields(field, ["name", "owner", "type", "reason", "removal", "runbook", .. extra]);
        if (fields is null) return (null, null);

        var nameField = fields.Required("name");
        var name = reader.String(nameField, PolicyPatterns.PolicyNameRegex(), "policy name",
            "use 1 to 63 lower-case letters, digits and '-', starting and ending with a letter or digit");
        var owner = reader.String(fields.Required("owner"));
        var type = reader.Enum<FlagType>(fields.Required("type"));
        var reason = reader.String(fields.Required("reason"));
        var removal = ReadRemoval(reader, fields, type);
        var runbook = reader.HttpUrl(fields.Optional("runbook"));

        var metadata = name is null || owner is null || type is null || reason is null
            ? null
            : new PolicyMetadata(name, owner, type.Value, reason, removal) { Runbook = runbook };
        return (metadata, reader.Locate(name, nameField));
    }

    private static RemovalSpec? ReadRemoval(NodeReader reader, MappingFields metadata, FlagType? type)
    {
        // Release and experiment flags are temporary by nature: without a removal plan they turn into permanent debt.
        var field = type is FlagType.Release or FlagType.Experiment
            ? RequiredFor(reader, metadata, type.Value)
            : metadata.Optional("removal");
        if (reader.Fields(field, "criterion", "reviewBy", "lifetime") is not { } fields) return null;

        var criterion = reader.String(fields.Required("criterion"));
        var reviewBy = reader.Date(fields.Required("reviewBy"));
        var lifetimeField = fields.Optional("lifetime");
        var lifetime = lifetimeField.Node is null ? null : reader.Duration(lifetimeField);
        return criterion is null || reviewBy is null || (lifetimeField.Node is not null && lifetime is null)
            ? null
            : new RemovalSpec(criterion, reviewBy.Value, lifetime);
    }

    private static Field RequiredFor(NodeReader reader, MappingFields metadata, FlagType type)
    {
        var field = metadata.Optional("removal");
        if (field.Node is null)
            reader.Error(metadata.At, field.Path,
                $"missing required field 'removal' (required for {NodeReader.EnumName(type)} flags: give a criterion and a reviewBy date)");
        return field;
    }
}
