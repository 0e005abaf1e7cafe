using System.Globalization;
using System.Text;
using RolloutController.Policies;
using RolloutController.Time;

namespace RolloutController.DecisionHarness;

/// <summary>
/// The two policies each scenario runs under, written as YAML and loaded through <see cref="PolicyLoader.Load"/> like any
/// policy file. Both use the default ramp (no <c>stages</c>: 1 % 24 h → 10 % 48 h → 50 % 72 h → 100 % 168 h), every
/// default they do not set, and the same <c>analysis.sampleRatio</c> check; they differ only in their two guardrails:
/// <list type="bullet">
/// <item><b>sequential</b>: <c>kind: sequential</c> error rate (5xx / requests) and conversion (completed / started
/// checkouts, <c>higherIsBetter</c>), default α, margin and minimum sample.</item>
/// <item><b>naive</b>: <c>kind: threshold</c> guardrails on the two-proportion z statistic of the same counts
/// (<see cref="HarnessQueries.ZScore"/>) with <c>max: 1.6449</c> (<see cref="NaiveZTest.CriticalValue"/>), a one-sided 5 % z-test at every check;
/// <c>onNoData: pass</c>, since the statistic has no value before both cohorts have 100 trials and none at 100 %.</item>
/// </list>
/// </summary>
internal static class HarnessPolicies
{
    public const string FlagKey = "simulated-flag";

    public static IReadOnlyList<PolicyTrack> Load(TimeSpan interval)
    {
        var critical = NaiveZTest.CriticalValue.ToString(CultureInfo.InvariantCulture);
        return
        [
            Track("sequential", interval,
                Guardrail("error-rate", SequentialBody, HarnessQueries.Errors, HarnessQueries.Requests) +
                Guardrail("conversion", SequentialBody + "\nhigherIsBetter: true", HarnessQueries.Conversions, HarnessQueries.Visits)),
            Track("naive", interval,
                Guardrail("error-rate", NaiveBody, HarnessQueries.ErrorZScore, critical) +
                Guardrail("conversion", NaiveBody, HarnessQueries.ConversionZScore, critical)),
        ];
    }

    private const string SequentialBody = """
        kind: sequential
        numerator: |
          {0}
        denominator: |
          {1}
        """;

    private const string NaiveBody = """
        query: |
          {0}
        max: {1}
        onNoData: pass
        """;

    private static PolicyTrack Track(string name, TimeSpan interval, string guardrails)
    {
        var yaml = $$"""
            apiVersion: rollout-controller/v1
            kind: RolloutPolicy
            metadata:
              name: harness-{{name}}
              owner: team-analysis
              type: release
              reason: Simulated rollout measured through the controller's decision path
              removal: { criterion: simulation only, reviewBy: 2030-01-01 }
            spec:
              flag: { key: {{FlagKey}} }
              analysis:
                interval: {{DurationParser.Format(interval)}}
                sampleRatio:
                  exposures: |
                    {{HarnessQueries.Exposures}}
                guardrails:
            {{guardrails}}
            """;
        var result = PolicyLoader.Load([new PolicySourceFile($"harness/{name}.yaml", yaml)]);
        if (!result.IsValid)
            throw new InvalidOperationException($"the {name} policy is invalid:\n{string.Join('\n', result.Diagnostics)}\n{yaml}");
        var policy = result.Policies.Single();
        var templates = policy.Analysis.Guardrails
            .SelectMany(g => new[] { g.Query, g.Numerator, g.Denominator })
            .Append(policy.Analysis.SampleRatio?.Exposures)
            .Where(t => !string.IsNullOrEmpty(t));
        if (templates.FirstOrDefault(t => !SyntheticBackend.Knows(t!)) is { } unknown)
            throw new InvalidOperationException($"the synthetic backend cannot answer '{unknown}'");
        return new PolicyTrack(name, yaml, policy);
    }

    // One entry of spec.analysis.guardrails, indented as the YAML above needs it.
    private static string Guardrail(string name, string body, params string[] values)
    {
        var sb = new StringBuilder();
        sb.Append("      - name: ").Append(name).Append('\n');
        foreach (var line in string.Format(CultureInfo.InvariantCulture, body, values).Split('\n'))
            sb.Append("        ").Append(line).Append('\n');
        return sb.ToString();
    }
}
