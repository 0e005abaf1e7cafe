using System.Globalization;
using RolloutController.Analysis.Statistics;
using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>Reads one entry of <c>spec.analysis.guardrails</c>: its kind, queries, bounds and segments.</summary>
internal static class GuardrailReader
{
    private static readonly string[] AllFields =
    [
        "name", "kind", "query", "numerator", "denominator", "max", "min", "maxIncrease", "maxDifference", "higherIsBetter",
        "alpha", "minSamples", "by", "onSegmentBreach", "failureLimit", "onNoData", "runbook",
    ];

    // Fields that only some kinds read; any other kind reports them instead of silently ignoring them.
    private static readonly Dictionary<string, GuardrailKind[]> KindOnly = new(StringComparer.Ordinal)
    {
        ["query"] = [GuardrailKind.Threshold, GuardrailKind.Comparison],
        ["max"] = [GuardrailKind.Threshold, GuardrailKind.Comparison],
        ["min"] = [GuardrailKind.Threshold, GuardrailKind.Comparison],
        ["numerator"] = [GuardrailKind.Sequential],
        ["denominator"] = [GuardrailKind.Sequential],
        ["alpha"] = [GuardrailKind.Sequential],
        ["minSamples"] = [GuardrailKind.Sequential],
        ["maxIncrease"] = [GuardrailKind.Comparison, GuardrailKind.Sequential],
        ["maxDifference"] = [GuardrailKind.Comparison, GuardrailKind.Sequential],
        ["higherIsBetter"] = [GuardrailKind.Comparison, GuardrailKind.Sequential],
    };

    public static (GuardrailSpec? Guardrail, Located? Name) Read(NodeReader reader, Field field)
    {
        if (reader.Fields(field, AllFields) is not { } fields) return (null, null);
        var errorsBefore = reader.Diagnostics.Count;

        var nameField = fields.Required("name");
        var name = reader.String(nameField);
        if (name == SampleRatioSpec.MeasurementName)
            reader.Error(nameField.Node!, nameField.Path, $"'{DiagnosticText.Quote(name)}' is reserved for the sampleRatio check; choose another name");
        if (name == Flags.Platforms.PlatformReading.MeasurementName)
            reader.Error(nameField.Node!, nameField.Path, $"'{DiagnosticText.Quote(name)}' is reserved for the flag platform's reading; choose another name");
        var kind = fields.Optional("kind") is { Node: not null } kindField ? reader.Enum<GuardrailKind>(kindField) : GuardrailKind.Threshold;
        if (kind is { } k) RejectForeignFields(reader, fields, k);

        var by = SegmentRules.ReadBy(reader, fields.Optional("by"));
        var onSegmentBreach = SegmentRules.ReadOnSegmentBreach(reader, fields.Optional("onSegmentBreach"), by);
        var failureLimit = fields.Optional("failureLimit") is { Node: not null } limitField
            ? reader.Integer(limitField, minimum: 1)
            : GuardrailSpec.DefaultFailureLimit;
        var onNoData = fields.Optional("onNoData") is { Node: not null } noDataField
            ? reader.Enum<NoDataAction>(noDataField)
            : NoDataAction.Hold;
        var runbook = reader.HttpUrl(fields.Optional("runbook"));

        var guardrail = kind switch
        {
            GuardrailKind.Threshold => ReadThreshold(reader, fields, by ?? GuardrailSpec.NoSegments),
            GuardrailKind.Comparison => ReadComparison(reader, fields, by ?? GuardrailSpec.NoSegments),
            GuardrailKind.Sequential => ReadSequential(reader, fields, by ?? GuardrailSpec.NoSegments),
            _ => null,
        };

        var valid = reader.Diagnostics.Count == errorsBefore && name is not null && guardrail is not null && by is not null
                    && onSegmentBreach is not null && failureLimit is not null && onNoData is not null;
        var result = valid
            ? guardrail! with
            {
                Name = name!,
                FailureLimit = failureLimit!.Value,
                OnNoData = onNoData!.Value,
                By = by!,
                OnSegmentBreach = onSegmentBreach!.Value,
                Runbook = runbook,
            }
            : null;
        return (result, reader.Locate(name, nameField));
    }

    private static GuardrailSpec? ReadThreshold(NodeReader reader, MappingFields fields, IReadOnlyList<string> by)
    {
        var query = GuardrailQueryRules.Read(reader, fields.Required("query"), GuardrailKind.Threshold, by);
        var max = reader.Double(fields.Optional("max"));
        var min = reader.Double(fields.Optional("min"));
        var bounded = CheckBounds(reader, fields, max, min, required: true);
        return query is null || !bounded ? null : new GuardrailSpec("", query, max, min);
    }

    private static GuardrailSpec? ReadComparison(NodeReader reader, MappingFields fields, IReadOnlyList<string> by)
    {
        var query = GuardrailQueryRules.Read(reader, fields.Required("query"), GuardrailKind.Comparison, by);
        var max = reader.Double(fields.Optional("max"));
        var min = reader.Double(fields.Optional("min"));
        var bounded = CheckBounds(reader, fields, max, min, required: false);
        var margin = ReadMargin(reader, fields, required: true);
        var direction = ReadDirection(reader, fields);
        return query is null || !bounded || margin is null || direction is null
            ? null
            : new GuardrailSpec("", query, max, min) { Kind = GuardrailKind.Comparison, Margin = margin, Direction = direction.Value };
    }

    private static GuardrailSpec? ReadSequential(NodeReader reader, MappingFields fields, IReadOnlyList<string> by)
    {
        var numerator = GuardrailQueryRules.Read(reader, fields.Required("numerator"), GuardrailKind.Sequential, by);
        var denominator = GuardrailQueryRules.Read(reader, fields.Required("denominator"), GuardrailKind.Sequential, by);
        var margin = fields.Optional("maxIncrease").Node is null && fields.Optional("maxDifference").Node is null
            ? Margin.None
            : ReadMargin(reader, fields, required: false);
        var direction = ReadDirection(reader, fields);
        var alpha = fields.Optional("alpha") is { Node: not null } alphaField
            ? reader.DoubleBetween(alphaField, 0, 0.5)
            : SequentialTestOptions.DefaultAlpha;
        long? minSamples = fields.Optional("minSamples") is { Node: not null } samplesField
            ? reader.Integer(samplesField, minimum: 1)
            : SequentialTestOptions.DefaultMinTrialsPerCohort;
        return numerator is null || denominator is null || margin is null || direction is null || alpha is null || minSamples is null
            ? null
            : new GuardrailSpec("", "", null, null)
            {
                Kind = GuardrailKind.Sequential,
                Numerator = numerator,
                Denominator = denominator,
                Margin = margin,
                Direction = direction.Value,
                Alpha = alpha.Value,
                MinSamples = minSamples.Value,
            };
    }

    private static void RejectForeignFields(NodeReader reader, MappingFields fields, GuardrailKind kind)
    {
        foreach (var (name, kinds) in KindOnly)
        {
            var field = fields.Optional(name);
            if (field.Node is null || kinds.Contains(kind)) continue;
            var allowed = string.Join(" or ", kinds.Select(NodeReader.EnumName));
            reader.Error(field.Key ?? field.Node, field.Path,
                $"'{name}' does not apply to kind {NodeReader.EnumName(kind)}; it is read only for kind {allowed}");
        }
    }

    private static MetricDirection? ReadDirection(NodeReader reader, MappingFields fields)
    {
        var field = fields.Optional("higherIsBetter");
        if (field.Node is null) return MetricDirection.LowerIsBetter;
        return reader.Boolean(field) switch
        {
            true => MetricDirection.HigherIsBetter,
            false => MetricDirection.LowerIsBetter,
            null => null,
        };
    }

    private static Margin? ReadMargin(NodeReader reader, MappingFields fields, bool required)
    {
        var increase = fields.Optional("maxIncrease");
        var difference = fields.Optional("maxDifference");
        if (increase.Node is not null && difference.Node is not null)
        {
            reader.Error(difference.Key ?? difference.Node, difference.Path, "give either 'maxIncrease' (relative) or 'maxDifference' (absolute), not both");
            return null;
        }
        if (increase.Node is not null) return MarginReader.Percentage(reader, increase);
        if (difference.Node is not null) return MarginReader.Absolute(reader, difference);
        if (required)
            reader.Error(fields.At, fields.Path,
                "needs 'maxIncrease' (relative to the baseline, e.g. 20%) or 'maxDifference' (absolute, e.g. 0.002)");
        return null;
    }

    private static bool CheckBounds(NodeReader reader, MappingFields fields, double? max, double? min, bool required)
    {
        var maxField = fields.Optional("max");
        var minField = fields.Optional("min");
        if (maxField.Node is null && minField.Node is null)
        {
            if (!required) return true;
            reader.Error(fields.At, fields.Path, "needs 'max' (fails above it), 'min' (fails below it) or both");
            return false;
        }
        if (maxField.Node is not null && max is null || minField.Node is not null && min is null) return false;
        if (min > max)
        {
            reader.Error(minField.Node!, minField.Path, string.Create(CultureInfo.InvariantCulture, $"must not be greater than max {max}, got {min}"));
            return false;
        }
        return true;
    }
}
