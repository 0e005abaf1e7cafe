using RolloutController.Analysis;
using RolloutController.Analysis.Batching;
using RolloutController.Analysis.Cohorts;
using RolloutController.Policies;

namespace RolloutController.Metrics.Batching;

/// <summary>
/// Which flags share which query: every guardrail query of every policy in force, rendered with <c>{{ flag }}</c> left
/// standing (<see cref="FlagPlaceholder"/>), mapped to the flags whose queries read that way. Queries that use
/// <c>{{ window }}</c> (counts since each rollout's stage started) differ per rollout and are left out.
/// </summary>
internal sealed class BatchIndex
{
    private readonly Dictionary<string, SortedSet<string>> _flagsByText = new(StringComparer.Ordinal);

    private BatchIndex(IReadOnlyList<RolloutPolicy> policies)
    {
        Policies = policies;
        var placeholder = new Dictionary<string, string>(StringComparer.Ordinal) { [QueryTemplate.Flag] = FlagPlaceholder.Text };
        foreach (var policy in policies)
        {
            foreach (var g in policy.Analysis.Guardrails)
            {
                foreach (var template in Templates(g))
                {
                    if (QueryTemplate.Uses(template, QueryTemplate.Window)) continue;
                    foreach (var planned in QueryPlan.For(template, g.ComparesCohorts, placeholder))
                    {
                        if (!_flagsByText.TryGetValue(planned.Query, out var flags)) _flagsByText[planned.Query] = flags = new(StringComparer.Ordinal);
                        flags.Add(policy.Flag.Key);
                    }
                }
            }
        }
    }

    /// <summary>The policies the index was built from (compared by reference to notice a reload).</summary>
    public IReadOnlyList<RolloutPolicy> Policies { get; }

    public static BatchIndex Build(IReadOnlyList<RolloutPolicy> policies) => new(policies);

    /// <summary>The flags whose query reads <paramref name="text"/>, in ordinal order; empty when none.</summary>
    public IReadOnlyCollection<string> FlagsOf(string text) => _flagsByText.TryGetValue(text, out var flags) ? flags : [];

    private static IEnumerable<string> Templates(GuardrailSpec g) =>
        g.Kind == GuardrailKind.Sequential ? [g.Numerator!, g.Denominator!] : [g.Query];
}
