using RolloutController.Analysis;
using RolloutController.Analysis.Batching;
using RolloutController.Policies;
using RolloutController.TestUtilities.Processes;

namespace RolloutController.TestUtilities.Batching;

/// <summary>
/// The guardrail queries the project documents: every query of the example policies (policies/*.yaml, loaded with the
/// real <see cref="PolicyLoader"/>; once per cohort where they use <c>{{ variant }}</c>) and the README's and
/// docs/policies.md's examples, with <c>{{ window }}</c> rendered as <see cref="Window"/> and <c>{{ flag }}</c> left standing.
/// </summary>
public static class ExampleGuardrailQueries
{
    public const string Window = "3600s";

    /// <summary>Every query of every example policy.</summary>
    public static IReadOnlyList<GuardrailQuery> FromPolicies()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, "policies"), "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(f => new PolicySourceFile(Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();
        var loaded = PolicyLoader.Load(files);
        if (!loaded.IsValid) throw new InvalidOperationException(string.Join(Environment.NewLine, loaded.Diagnostics));
        var queries = new List<GuardrailQuery>();
        foreach (var policy in loaded.Policies)
        {
            foreach (var g in policy.Analysis.Guardrails)
            {
                if (g.Kind == GuardrailKind.Sequential)
                {
                    queries.AddRange(Rendered($"{policy.Metadata.Name}/{g.Name}/numerator", g.Numerator!));
                    queries.AddRange(Rendered($"{policy.Metadata.Name}/{g.Name}/denominator", g.Denominator!));
                }
                else
                {
                    queries.AddRange(Rendered($"{policy.Metadata.Name}/{g.Name}", g.Query));
                }
            }
            if (policy.Analysis.SampleRatio is { } srm) queries.AddRange(Rendered($"{policy.Metadata.Name}/sample-ratio", srm.Exposures));
        }
        return queries;
    }

    /// <summary>The examples of the README and docs/policies.md that the example policies do not already hold.</summary>
    public static IReadOnlyList<GuardrailQuery> FromDocs() =>
    [
        .. Rendered("readme/error-rate", """
            sum(rate(http_requests_total{flag="{{ flag }}",variant="on",code=~"5.."}[5m]))
            / sum(rate(http_requests_total{flag="{{ flag }}",variant="on"}[5m]))
            """),
        .. Rendered("readme/checkout-conversion",
            """sum(rate(checkout_completed_total{flag="{{ flag }}",variant="on"}[30m])) / sum(rate(checkout_started_total{flag="{{ flag }}",variant="on"}[30m]))"""),
        .. Rendered("docs/per-segment-by-variant",
            """sum by (plan, variant) (rate(http_requests_total{flag="{{ flag }}",code=~"5.."}[5m])) / sum by (plan, variant) (rate(http_requests_total{flag="{{ flag }}"}[5m]))"""),
    ];

    /// <summary>The template once per cohort when it uses <c>{{ variant }}</c>, otherwise once.</summary>
    private static IEnumerable<GuardrailQuery> Rendered(string name, string template)
    {
        string[] cohorts = QueryTemplate.Uses(template, QueryTemplate.Variant) ? ["on", "off"] : [""];
        return cohorts.Select(cohort => new GuardrailQuery(
            cohort.Length == 0 ? name : $"{name}/{cohort}",
            FlagPlaceholder.RenderOthers(template, new Dictionary<string, string>
            {
                [QueryTemplate.Window] = Window,
                [QueryTemplate.Variant] = cohort,
            })));
    }
}
