using System.Globalization;
using RolloutController.Analysis;
using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>Reads one entry of <c>spec.analysis.guardrails</c>.</summary>
internal static class GuardrailReader
{
    private static readonly string KnownVariables =
        string.Join(", ", QueryTemplate.KnownVariables.Order(StringComparer.Ordinal).Select(v => $"{{{{ {v} }}}}"));

    public static (GuardrailSpec? Guardrail, Located? Name) Read(NodeReader reader, Field field)
    {
        if (reader.Fields(field, "name", "query", "max", "min", "failureLimit", "onNoData") is not { } fields) return (null, null);

        var nameField = fields.Required("name");
        var name = reader.String(nameField);
        var query = ReadQuery(reader, fields.Required("query"));
        var max = reader.Double(fields.Optional("max"));
        var min = reader.Double(fields.Optional("min"));
        var bounded = CheckBounds(reader, fields, max, min);
        var failureLimit = fields.Optional("failureLimit") is { Node: not null } limitField
            ? reader.Integer(limitField, minimum: 1)
            : GuardrailSpec.DefaultFailureLimit;
        var onNoData = fields.Optional("onNoData") is { Node: not null } noDataField
            ? reader.Enum<NoDataAction>(noDataField)
            : NoDataAction.Hold;

        var guardrail = name is null || query is null || !bounded || failureLimit is null || onNoData is null
            ? null
            : new GuardrailSpec(name, query, max, min, failureLimit.Value, onNoData.Value);
        return (guardrail, reader.Locate(name, nameField));
    }

    private static string? ReadQuery(NodeReader reader, Field field)
    {
        if (reader.String(field) is not { } query) return null;
        var unknown = QueryTemplate.Variables(query)
            .Select(v => v.Name)
            .Where(v => !QueryTemplate.KnownVariables.Contains(v))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var variable in unknown)
            reader.Error(field.Node!, field.Path, $"unknown template variable '{{{{ {variable} }}}}'; known variables: {KnownVariables}");
        return unknown.Count == 0 ? query : null;
    }

    private static bool CheckBounds(NodeReader reader, MappingFields fields, double? max, double? min)
    {
        var maxField = fields.Optional("max");
        var minField = fields.Optional("min");
        if (maxField.Node is null && minField.Node is null)
        {
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
