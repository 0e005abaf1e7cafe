using RolloutController.Flags;
using RolloutController.Policies.Yaml;
using YamlDotNet.RepresentationModel;

namespace RolloutController.Policies;

/// <summary>
/// Reads <c>when</c>: attribute → operators, e.g. <c>{ plan: { in: [enterprise] }, country: { notIn: [DE] } }</c>. Every
/// operator of every attribute must hold. Unknown operators are listed with the known ones.
/// </summary>
internal static class ConditionReader
{
    public static Condition[]? Read(NodeReader reader, Field field)
    {
        if (field.Node is null) return [];
        if (field.Node is not YamlMappingNode mapping)
        {
            reader.Error(field.Node, field.Path, $"expected a mapping of attribute to operators, got {YamlScalars.Describe(field.Node)}");
            return null;
        }
        if (mapping.Children.Count == 0) reader.Error(field.Key ?? mapping, field.Path, "give at least one attribute, e.g. plan: { in: [enterprise] }");

        var errors = reader.Diagnostics.Count;
        var conditions = new List<Condition>();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } attribute } || YamlScalars.Kind((YamlScalarNode)key) != ScalarKind.String)
            {
                reader.Error(key, field.Path, $"attribute names must be text, got {YamlScalars.Describe(key)}");
                continue;
            }
            var path = PathJoin.Field(field.Path, attribute);
            if (!PolicyPatterns.AttributeNameRegex().IsMatch(attribute))
                reader.Error(key, path, $"'{DiagnosticText.Quote(attribute)}' is not a valid attribute name: use 1 to 128 characters, no control characters");
            ReadOperators(reader, new Field(value, path, key), attribute, conditions);
        }
        return reader.Diagnostics.Count > errors ? null : conditions.ToArray();
    }

    private static void ReadOperators(NodeReader reader, Field field, string attribute, List<Condition> conditions)
    {
        if (field.Node is not YamlMappingNode operators)
        {
            reader.Error(field.Node!, field.Path, $"expected a mapping of operator to value (e.g. {{ in: [enterprise] }}), got {YamlScalars.Describe(field.Node!)}");
            return;
        }
        if (operators.Children.Count == 0) reader.Error(field.Key!, field.Path, $"give at least one operator: {string.Join(", ", ConditionOperators.Names)}");
        foreach (var (key, value) in operators.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            var path = PathJoin.Field(field.Path, name);
            var known = ConditionOperators.All.FirstOrDefault(o => o.Name == name);
            if (known.Name is null)
            {
                reader.Error(key, path, $"unknown operator '{DiagnosticText.Quote(name)}'; operators: {string.Join(", ", ConditionOperators.Names)}");
                continue;
            }
            if (Literals(reader, new Field(value, path, key), known.Operator) is { } values)
                conditions.Add(new Condition(attribute, known.Operator, values));
        }
    }

    private static ContextValue[]? Literals(NodeReader reader, Field field, ConditionOperator op)
    {
        if (ConditionOperators.IsList(op))
        {
            if (reader.Sequence(field) is not { } sequence) return null;
            if (sequence.Children.Count == 0)
            {
                reader.Error(sequence, field.Path, "give at least one value");
                return null;
            }
            var values = sequence.Children.Select((n, i) => Scalar(reader, new Field(n, PathJoin.Index(field.Path, i)))).ToList();
            if (values.Any(v => v is null)) return null;
            var kinds = values.Select(v => v!.Value.Kind).Distinct().ToList();
            if (kinds.Count > 1)
            {
                reader.Error(sequence, field.Path, $"values of one list must have one type, got {string.Join(" and ", kinds.Select(k => k.ToString().ToLowerInvariant()))}");
                return null;
            }
            return values.Select(v => v!.Value).ToArray();
        }
        if (ConditionOperators.IsText(op)) return reader.String(field) is { } text ? [ContextValue.Of(text)] : null;
        if (ConditionOperators.IsNumeric(op)) return reader.Double(field) is { } number ? [ContextValue.Of(number)] : null;
        if (ConditionOperators.IsSemver(op))
        {
            if (reader.String(field) is not { } version) return null;
            if (SemanticVersion.IsValid(version)) return [ContextValue.Of(version)];
            reader.Error(field.Node!, field.Path, $"'{DiagnosticText.Quote(version)}' is not a semantic version: write MAJOR.MINOR.PATCH, e.g. 2.4.0 or 2.5.0-beta.1");
            return null;
        }
        return Scalar(reader, field) is { } one ? [one] : null;
    }

    private static ContextValue? Scalar(NodeReader reader, Field field)
    {
        if (field.Node is YamlScalarNode scalar)
        {
            switch (YamlScalars.Kind(scalar))
            {
                case ScalarKind.String:
                    return ContextValue.Of(scalar.Value ?? "");
                case ScalarKind.Bool:
                    return reader.Boolean(field) is { } b ? ContextValue.Of(b) : null;
                case ScalarKind.Int or ScalarKind.Float:
                    return reader.Double(field) is { } n ? ContextValue.Of(n) with { Text = scalar.Value } : null;
            }
        }
        reader.Error(field.Node!, field.Path, $"expected a string, number or boolean, got {YamlScalars.Describe(field.Node!)}");
        return null;
    }
}
