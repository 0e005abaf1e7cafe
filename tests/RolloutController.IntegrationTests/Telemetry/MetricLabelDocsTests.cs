using System.Text.RegularExpressions;
using RolloutController.Analysis;
using RolloutController.IntegrationTests.Policies;
using RolloutController.Rollouts;

namespace RolloutController.IntegrationTests.Telemetry;

/// <summary>docs/observability.md lists the label values the controller emits: every trigger and verdict, in lower case.</summary>
public sealed partial class MetricLabelDocsTests
{
    [GeneratedRegex("`([A-Za-z_]+)`")]
    private static partial Regex CodeSpan();

    private static IReadOnlySet<string> DocumentedValues(string metric)
    {
        var row = File.ReadLines(Path.Combine(RepositoryPaths.Root, "docs", "observability.md"))
            .Single(l => l.StartsWith($"| `{metric}`", StringComparison.Ordinal));
        var meaning = row.Split('|', StringSplitOptions.TrimEntries)[4];
        return CodeSpan().Matches(meaning).Select(m => m.Groups[1].Value).ToHashSet();
    }

    [Fact]
    public void Every_trigger_is_documented_as_emitted()
    {
        var documented = DocumentedValues("rollout_controller_rollout_transitions_total");

        // As RolloutEngine tags the counter: the trigger's name in lower case.
        Enum.GetValues<RolloutTrigger>().Select(t => t.ToString().ToLowerInvariant()).ShouldBeSubsetOf(documented);
        documented.ShouldNotContain(v => v.Any(char.IsUpper), string.Join(", ", documented));
    }

    [Fact]
    public void Every_verdict_is_documented_as_emitted()
    {
        var documented = DocumentedValues("rollout_controller_guardrail_measurements_total");

        documented.ShouldBe(Enum.GetValues<Verdict>().Select(v => v.ToString().ToLowerInvariant()), ignoreOrder: true);
    }
}
