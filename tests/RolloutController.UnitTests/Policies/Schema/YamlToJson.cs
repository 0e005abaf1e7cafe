using System.Globalization;
using System.Text.Json.Nodes;
using RolloutController.Policies;
using RolloutController.Policies.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RolloutController.UnitTests.Policies.Schema;

/// <summary>
/// A policy file's documents as the JSON a schema tool sees, read the way editors read YAML: YAML 1.2 core-schema
/// scalars (the validator's own <see cref="YamlScalars"/>), through the validator's guarded parser. A file that is not
/// YAML a JSON tool can load — a syntax error, a repeated key, past the size limits, an alias expanding beyond them, or
/// a non-finite number (JSON has none) — has no JSON form, and counts as rejected by the schema.
/// </summary>
internal static class YamlToJson
{
    /// <summary>The documents, or null when the file has no JSON form.</summary>
    public static IReadOnlyList<JsonNode?>? Documents(string text)
    {
        try
        {
            var parser = new FilteringParser(new Parser(new StringReader(text)));
            var stream = new YamlStream();
            stream.Load(parser);
            if (parser.Duplicates.Count > 0) return null;
            var budget = new[] { PolicyLimits.MaxNodes };
            return stream.Documents.Select(d => Convert(d.RootNode, 0, budget)).ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static JsonNode? Convert(YamlNode node, int depth, int[] budget)
    {
        if (depth > PolicyLimits.MaxDepth || --budget[0] < 0) throw new NotJsonException();
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name }) throw new NotJsonException();
                    obj[name] = Convert(value, depth + 1, budget);
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children) array.Add(Convert(item, depth + 1, budget));
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new NotJsonException();
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        switch (YamlScalars.Kind(scalar))
        {
            case ScalarKind.Null:
                return null;
            case ScalarKind.Bool:
                return JsonValue.Create(text is "true" or "True" or "TRUE");
            case ScalarKind.Int:
                if (text.StartsWith("0o", StringComparison.Ordinal)) return JsonValue.Create(System.Convert.ToInt64(text[2..], 8));
                if (text.StartsWith("0x", StringComparison.Ordinal)) return JsonValue.Create(long.Parse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                return decimal.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? JsonValue.Create(whole) : throw new NotJsonException();
            case ScalarKind.Float:
                // Decimal keeps 0.3 exact, so multipleOf 0.001 is judged on the number as written, as the validator does.
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return JsonValue.Create(number);
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var big) && double.IsFinite(big)
                    ? JsonValue.Create(big)
                    : throw new NotJsonException();
            default:
                return JsonValue.Create(text);
        }
    }

    private sealed class NotJsonException : Exception;
}
