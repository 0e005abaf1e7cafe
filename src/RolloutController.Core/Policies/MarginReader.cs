using System.Globalization;
using System.Text.RegularExpressions;
using RolloutController.Analysis.Statistics;
using RolloutController.Policies.Yaml;
using YamlDotNet.RepresentationModel;

namespace RolloutController.Policies;

/// <summary>Reads <c>maxIncrease: 20%</c> (relative) and <c>maxDifference: 0.002</c> (absolute) tolerated worsening.</summary>
internal static partial class MarginReader
{
    public static Margin? Percentage(NodeReader reader, Field field)
    {
        if (field.Node is YamlScalarNode scalar && YamlScalars.Kind(scalar) is ScalarKind.Int or ScalarKind.Float)
        {
            reader.Error(field.Node, field.Path, $"'{DiagnosticText.Quote(scalar.Value)}' is not a percentage: add %, e.g. {DiagnosticText.Quote(scalar.Value)}%");
            return null;
        }
        if (reader.String(field) is not { } text) return null;
        var match = PercentPattern().Match(text);
        if (match.Success)
            return Margin.Relative(double.Parse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture) / 100);
        reader.Error(field.Node!, field.Path, $"'{DiagnosticText.Quote(text)}' is not a percentage: write a number ≥ 0 followed by %, e.g. 20% or 2.5%");
        return null;
    }

    public static Margin? Absolute(NodeReader reader, Field field)
    {
        if (reader.Double(field) is not { } value) return null;
        if (value >= 0) return Margin.Absolute(value);
        reader.Error(field.Node!, field.Path, string.Create(CultureInfo.InvariantCulture, $"must be at least 0, got {value}"));
        return null;
    }

    [GeneratedRegex(@"^\s*(?<number>[0-9]+(\.[0-9]+)?)\s*%\s*$")]
    private static partial Regex PercentPattern();
}
