using RolloutController.Policies;

namespace RolloutController.UnitTests.Policies;

/// <summary>A valid policy document whose line numbers the tests rely on, and shortcuts to load variations of it.</summary>
internal static class PolicyYaml
{
    public const string File = "policies/a.yaml";

    // Line numbers matter: tests assert positions in this text.
    public const string Valid = """
        apiVersion: rollout-controller/v1
        kind: RolloutPolicy
        metadata:
          name: new-checkout
          owner: team-payments
          type: release
          reason: One-page checkout to lift conversion
          removal:
            criterion: at 100% for 7 days with guardrails green
            reviewBy: 2026-12-15
        spec:
          flag:
            key: new-checkout
          stages:
            - weight: 1
              hold: 24h
            - weight: 10
              hold: 48h
          analysis:
            interval: 1m
            guardrails:
              - name: error-rate
                query: 'sum(rate(errors_total{flag="{{ flag }}"}[5m]))'
                max: 0.01
          notify: [oncall-payments]

        """;

    // Set while SchemaAgreementTests runs the rule tests, to collect every document they judge.
    [ThreadStatic]
    private static List<string>? _recorded;

    public static PolicyLoadResult Load(string text, IReadOnlySet<string>? knownRoutes = null,
        IReadOnlyDictionary<string, FlagPlatform>? knownProviders = null)
    {
        _recorded?.Add(text);
        return PolicyLoader.Load([new PolicySourceFile(File, text)], knownRoutes, knownProviders);
    }

    /// <summary>Every text <paramref name="run"/> loads through this class, on this thread.</summary>
    public static IReadOnlyList<string> Recording(Action run)
    {
        var recorded = new List<string>();
        _recorded = recorded;
        try
        {
            run();
        }
        finally
        {
            _recorded = null;
        }
        return recorded;
    }

    public static IReadOnlyList<PolicyDiagnostic> Errors(string text, IReadOnlySet<string>? knownRoutes = null) =>
        Load(text, knownRoutes).Diagnostics;

    /// <summary>The valid document with one exact piece of text replaced (which must be present).</summary>
    public static string With(string find, string replacement)
    {
        Valid.ShouldContain(find);
        return Valid.Replace(find, replacement, StringComparison.Ordinal);
    }

    /// <summary>The only diagnostic for the document; fails listing all of them when there is not exactly one.</summary>
    public static PolicyDiagnostic SingleError(string text, IReadOnlySet<string>? knownRoutes = null)
    {
        var errors = Errors(text, knownRoutes);
        errors.Count.ShouldBe(1, string.Join(Environment.NewLine, errors));
        return errors[0];
    }
}
