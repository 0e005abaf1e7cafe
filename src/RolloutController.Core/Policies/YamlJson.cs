using System.Globalization;
using System.Text.Json;
using RolloutController.Policies.Yaml;
using YamlDotNet.RepresentationModel;

namespace RolloutController.Policies;

/// <summary>A YAML value as JSON (a variant's value), read with YAML 1.2 core-schema scalars as everything else in a policy file.</summary>
internal static class YamlJson
{
    /// <summary>The value as a detached JSON element, or null after reporting what cannot be JSON (a non-finite number, a key that is not text).</summary>
    public static JsonElement? Convert(NodeReader reader, Field field)
    {
        var errors = reader.Diagnostics.Count;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(reader, writer, field.Node!, field.Path);
        if (reader.Diagnostics.Count > errors) return null;
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static void Write(NodeReader reader, Utf8JsonWriter writer, YamlNode node, string path)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name } || YamlScalars.Kind((YamlScalarNode)key) != ScalarKind.String)
                    {
                        reader.Error(key, path, $"keys of a value must be text, got {YamlScalars.Describe(key)}");
                        continue;
                    }
                    writer.WritePropertyName(name);
                    Write(reader, writer, value, PathJoin.Field(path, name));
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                for (var i = 0; i < sequence.Children.Count; i++) Write(reader, writer, sequence.Children[i], PathJoin.Index(path, i));
                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(reader, writer, scalar, path);
                break;
            default:
                reader.Error(node, path, "expected a value");
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteScalar(NodeReader reader, Utf8JsonWriter writer, YamlScalarNode scalar, string path)
    {
        switch (YamlScalars.Kind(scalar))
        {
            case ScalarKind.Null:
                writer.WriteNullValue();
                break;
            case ScalarKind.Bool:
                writer.WriteBooleanValue(reader.Boolean(new Field(scalar, path)) ?? false);
                break;
            case ScalarKind.Int or ScalarKind.Float:
                var text = scalar.Value ?? "";
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)) writer.WriteNumberValue(exact);
                else writer.WriteNumberValue(reader.Double(new Field(scalar, path)) ?? 0);
                break;
            default:
                writer.WriteStringValue(scalar.Value ?? "");
                break;
        }
    }
}
