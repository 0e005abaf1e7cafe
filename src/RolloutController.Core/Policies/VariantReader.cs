using RolloutController.Flags;
using RolloutController.Policies.Yaml;
using YamlDotNet.RepresentationModel;

namespace RolloutController.Policies;

/// <summary>
/// Reads a flag's <c>variants</c> (name → value; booleans, strings, numbers or mappings, all of one type) and references
/// to them by name (<c>defaultVariant</c>, a rule's <c>serve</c>, the fallthrough).
/// </summary>
internal static class VariantReader
{
    public static FlagVariant[]? Read(NodeReader reader, Field field)
    {
        if (field.Node is null) return null;
        if (field.Node is not YamlMappingNode mapping)
        {
            reader.Error(field.Node, field.Path, $"expected a mapping of variant name to value, got {YamlScalars.Describe(field.Node)}");
            return null;
        }
        if (mapping.Children.Count == 0)
        {
            reader.Error(field.Key ?? mapping, field.Path, "give at least one variant, e.g. { on: true, off: false }");
            return null;
        }

        var errors = reader.Diagnostics.Count;
        var variants = new List<FlagVariant>();
        foreach (var (key, value) in mapping.Children)
        {
            var name = reader.String(new Field(key, field.Path), PolicyPatterns.VariantNameRegex(), "variant name",
                "use 1 to 64 letters, digits, '-', '_' or '.'");
            if (name is null) continue;
            var path = PathJoin.Field(field.Path, name);
            var kind = Kind(reader, new Field(value, path));
            if (kind is null || YamlJson.Convert(reader, new Field(value, path)) is not { } json) continue;
            if (variants.Count > 0 && variants[0].Kind != kind)
            {
                reader.Error(value, path,
                    $"every variant of a flag has one type: '{DiagnosticText.Quote(name)}' is {Describe(kind.Value)} but '{DiagnosticText.Quote(variants[0].Name)}' is {Describe(variants[0].Kind)}");
                continue;
            }
            variants.Add(new FlagVariant(name, kind.Value, json));
        }
        return reader.Diagnostics.Count > errors ? null : variants.ToArray();
    }

    /// <summary>The index of the variant <paramref name="field"/> names, or null after reporting it unknown.</summary>
    public static int? Reference(NodeReader reader, Field field, FlagVariant[]? variants)
    {
        if (reader.String(field) is not { } name || variants is null) return null;
        var index = Array.FindIndex(variants, v => v.Name == name);
        if (index >= 0) return index;
        reader.Error(field.Node!, field.Path,
            $"unknown variant '{DiagnosticText.Quote(name)}'; variants of this flag: {string.Join(", ", variants.Select(v => v.Name))}");
        return null;
    }

    public static string Describe(VariantKind kind) => kind switch
    {
        VariantKind.Boolean => "a boolean",
        VariantKind.String => "a string",
        VariantKind.Number => "a number",
        _ => "an object",
    };

    private static VariantKind? Kind(NodeReader reader, Field field)
    {
        switch (field.Node)
        {
            case YamlMappingNode:
                return VariantKind.Object;
            case YamlScalarNode scalar:
                switch (YamlScalars.Kind(scalar))
                {
                    case ScalarKind.Bool: return VariantKind.Boolean;
                    case ScalarKind.String: return VariantKind.String;
                    case ScalarKind.Int or ScalarKind.Float: return reader.Double(field) is null ? null : VariantKind.Number;
                }
                break;
        }
        reader.Error(field.Node!, field.Path, $"a variant's value must be a boolean, a string, a number or a mapping (an object), got {YamlScalars.Describe(field.Node!)}");
        return null;
    }
}
