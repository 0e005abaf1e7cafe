using System.Globalization;
using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>Reads <c>spec.analysis.sampleRatio</c>: the exposure query, the p threshold, the minimum count and the mismatch limit.</summary>
internal static class SampleRatioReader
{
    public static SampleRatioSpec? Read(NodeReader reader, Field field)
    {
        if (reader.Fields(field, "exposures", "pValueThreshold", "minCount", "mismatchLimit") is not { } fields) return null;
        var exposures = GuardrailQueryRules.Read(reader, fields.Required("exposures"), GuardrailKind.Sequential, GuardrailSpec.NoSegments);
        var threshold = ReadThreshold(reader, fields.Optional("pValueThreshold"));
        int? minCount = fields.Optional("minCount") is { Node: not null } countField
            ? reader.Integer(countField, minimum: 1)
            : (int)SampleRatioSpec.DefaultMinCount;
        int? limit = fields.Optional("mismatchLimit") is { Node: not null } limitField
            ? reader.Integer(limitField, minimum: 1)
            : SampleRatioSpec.DefaultMismatchLimit;
        return exposures is null || threshold is null || minCount is null || limit is null
            ? null
            : new SampleRatioSpec(exposures, threshold.Value, minCount.Value, limit.Value);
    }

    private static double? ReadThreshold(NodeReader reader, Field field)
    {
        if (field.Node is null) return SampleRatioSpec.DefaultPValueThreshold;
        var value = reader.Double(field);
        if (value is null or (> 0 and < 1)) return value;
        reader.Error(field.Node, field.Path, string.Create(CultureInfo.InvariantCulture, $"must be greater than 0 and less than 1, got {value}"));
        return null;
    }
}
