using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RolloutController.Policies.Yaml;

/// <summary>
/// Resolves scalars the way YAML 1.2's core schema does, so the C# validator and the JSON Schema agree on types:
/// unquoted <c>10</c> is a number, <c>"10"</c> a string, <c>true</c> a boolean, <c>~</c> or nothing is null.
/// </summary>
internal static partial class YamlScalars
{
    public static ScalarKind Kind(YamlScalarNode node)
    {
        if (!node.Tag.IsEmpty && !node.Tag.IsNonSpecific)
        {
            return node.Tag.Value switch
            {
                "tag:yaml.org,2002:null" => ScalarKind.Null,
                "tag:yaml.org,2002:bool" => ScalarKind.Bool,
                "tag:yaml.org,2002:int" => ScalarKind.Int,
                "tag:yaml.org,2002:float" => ScalarKind.Float,
                _ => ScalarKind.String,
            };
        }
        if (node.Style != ScalarStyle.Plain || !node.Tag.IsEmpty) return ScalarKind.String;

        var value = node.Value ?? "";
        if (NullPattern().IsMatch(value)) return ScalarKind.Null;
        if (BoolPattern().IsMatch(value)) return ScalarKind.Bool;
        if (IntPattern().IsMatch(value)) return ScalarKind.Int;
        if (FloatPattern().IsMatch(value)) return ScalarKind.Float;
        return ScalarKind.String;
    }

    /// <summary>How a node reads in a "got …" message: <c>a mapping</c>, <c>the number 5</c>, <c>the string 'x'</c>.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a sequence",
        YamlScalarNode scalar => Kind(scalar) switch
        {
            ScalarKind.Null => "null",
            ScalarKind.Bool => $"the boolean {DiagnosticText.Quote(scalar.Value)}",
            ScalarKind.Int or ScalarKind.Float => $"the number {DiagnosticText.Quote(scalar.Value)}",
            _ => $"the string '{DiagnosticText.Quote(scalar.Value)}'",
        },
        _ => "an alias",
    };

    [GeneratedRegex("^(~|null|Null|NULL|)$")]
    private static partial Regex NullPattern();

    [GeneratedRegex("^(true|True|TRUE|false|False|FALSE)$")]
    private static partial Regex BoolPattern();

    [GeneratedRegex("^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();
}
