using System.Text.RegularExpressions;
using RolloutController.Analysis;
using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>Reads a guardrail's <c>by</c> (Prometheus label names, unique, not <c>variant</c>) and <c>onSegmentBreach</c>.</summary>
internal static partial class SegmentRules
{
    /// <summary>The labels, <see cref="GuardrailSpec.NoSegments"/> when absent, null when invalid.</summary>
    public static IReadOnlyList<string>? ReadBy(NodeReader reader, Field field)
    {
        if (field.Node is null) return GuardrailSpec.NoSegments;
        if (reader.Sequence(field) is not { } sequence) return null;
        if (sequence.Children.Count == 0)
        {
            reader.Error(sequence, field.Path, "must name at least one label (omit 'by' to evaluate all traffic together)");
            return null;
        }
        var labels = new List<string>();
        var valid = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var entry = new Field(sequence.Children[i], PathJoin.Index(field.Path, i));
            var label = reader.String(entry, LabelName(), "Prometheus label name", "use letters, digits and '_', not starting with a digit");
            string? problem = label switch
            {
                null => null,
                QueryTemplate.Variant => "'variant' is the cohort label and cannot be a segment",
                _ when label.StartsWith("__", StringComparison.Ordinal) => $"'{DiagnosticText.Quote(label)}' is reserved by Prometheus",
                _ when labels.Contains(label) => $"'{DiagnosticText.Quote(label)}' is listed twice",
                _ => null,
            };
            if (problem is not null) reader.Error(entry.Node!, entry.Path, problem);
            if (label is null || problem is not null) valid = false;
            else labels.Add(label);
        }
        return valid ? labels : null;
    }

    public static SegmentBreachAction? ReadOnSegmentBreach(NodeReader reader, Field field, IReadOnlyList<string>? by)
    {
        if (field.Node is null) return SegmentBreachAction.Rollback;
        var action = reader.Enum<SegmentBreachAction>(field);
        if (action is not null && by is { Count: 0 })
        {
            reader.Error(field.Node, field.Path, "applies only to a guardrail with 'by' (per-segment guardrails)");
            return null;
        }
        return action;
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();
}
