using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>Reads <c>spec.analysis.sampleRatio</c>: the exposure query, the p threshold, the minimum count and the mismatch limit.</summary>
internal static class SampleRatioReader
{
    public static SampleRatioSpec? Read(NodeReader reader, Field field)
    {
        if (reader.Fields(field, "exposures", "pValueThreshold", "minCount", "mismatchLimit") is not { } fields) return null;
        var exposures = GuardrailQueryRules.Read(reader, fields.Required("exposures"), GuardrailKind.Sequential, GuardrailSpec.NoSegments);
        var threshold = fields.Optional("pValueThreshold") is { Node: not null } thresholdField
            ? reader.DoubleBetween(thresholdField, 0, 1)
            : SampleRatioSpec.DefaultPValueThreshold;
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
}
