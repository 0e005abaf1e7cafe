using RolloutController.Analysis;
using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>
/// Checks one PromQL template of a guardrail or of <c>sampleRatio</c>: known variables, which kind may use which
/// (<c>{{ variant }}</c> only where cohorts are compared), one value per cohort where cohorts are compared, counts since
/// the stage started for sequential tests, and that every <c>by</c> label survives the outermost aggregation.
/// </summary>
internal static class GuardrailQueryRules
{
    private static readonly string Known = Names(QueryTemplate.KnownVariables);

    /// <summary>The template, or null after reporting every problem with it.</summary>
    /// <param name="kind">The guardrail's kind; <see cref="GuardrailKind.Sequential"/> also for <c>sampleRatio.exposures</c> (counts per cohort).</param>
    public static string? Read(NodeReader reader, Field field, GuardrailKind kind, IReadOnlyList<string> by)
    {
        if (reader.String(field) is not { } query) return null;
        var problems = new List<string>();
        var used = QueryTemplate.Variables(query).Select(v => v.Name).Distinct(StringComparer.Ordinal).ToList();

        foreach (var variable in used.Where(v => !QueryTemplate.KnownVariables.Contains(v)))
            problems.Add($"unknown template variable '{{{{ {DiagnosticText.Quote(variable)} }}}}'; known variables: {Known}");
        if (kind == GuardrailKind.Threshold && used.Contains(QueryTemplate.Variant))
            problems.Add($"'{{{{ {QueryTemplate.Variant} }}}}' is only for queries that compare cohorts (kind comparison or sequential); " +
                         "a threshold guardrail measures the flag-on traffic: select it with variant=\"on\"");

        var perCohort = used.Contains(QueryTemplate.Variant);
        if (kind != GuardrailKind.Threshold && !perCohort && PromQlGrouping.Fate(query, QueryTemplate.Variant).Kept != LabelKept.Kept)
            problems.Add("must give one value per cohort: select the cohort with variant=\"{{ variant }}\" (run once for on, once for off) " +
                         "or aggregate with by (variant)");
        if (kind == GuardrailKind.Sequential && !used.Contains(QueryTemplate.Window))
            problems.Add("must count since the stage started: use {{ window }}, e.g. sum(increase(requests_total{flag=\"{{ flag }}\",variant=\"{{ variant }}\"}[{{ window }}]))");

        foreach (var label in by)
        {
            var fate = PromQlGrouping.Fate(query, label);
            if (fate.DroppedBy is { } aggregation)
                problems.Add($"aggregates away '{label}', which 'by' evaluates separately: the outermost aggregation " +
                             $"'{aggregation.Operator}' {(aggregation.Clause is null ? "has no by (…)" : "does not keep it")}; " +
                             $"write {aggregation.Operator} by ({string.Join(", ", Keep(by, perCohort))}) (…)");
        }

        foreach (var problem in problems) reader.Error(field.Node!, field.Path, problem);
        return problems.Count == 0 ? query : null;
    }

    private static IEnumerable<string> Keep(IReadOnlyList<string> by, bool perCohort) =>
        perCohort ? by : by.Append(QueryTemplate.Variant);

    private static string Names(IEnumerable<string> variables) =>
        string.Join(", ", variables.Order(StringComparer.Ordinal).Select(v => $"{{{{ {v} }}}}"));
}
