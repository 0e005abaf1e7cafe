namespace RolloutController.UnitTests.Policies;

/// <summary>
/// A valid file of flag documents (an infra flag, an app flag that needs it and is ramped by a policy, a segment the app
/// flag uses) whose line numbers the flag rule tests rely on, loaded through <see cref="PolicyYaml"/>.
/// </summary>
internal static class FlagYaml
{
    // Line numbers matter: tests assert positions in this text.
    public const string Valid = """
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata:
          name: payments-v2-backend
          owner: team-payments
          type: ops
          reason: Payments v2 service behind the checkout
          layer: infra
        spec:
          key: payments-v2-backend
          variants: { on: true, off: false }
          defaultVariant: off
          bucketing: { salt: payments-v2 }
          fallthrough:
            split:
              - { variant: on, weight: 50 }
              - { variant: off, weight: 50 }
        ---
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata:
          name: new-checkout
          owner: team-payments
          type: release
          reason: One-page checkout
          layer: app
          removal: { criterion: at 100% for 7 days, reviewBy: 2026-12-15 }
        spec:
          key: new-checkout
          state: enabled
          variants: { on: true, off: false }
          defaultVariant: off
          bucketing: { salt: payments-v2 }
          prerequisites:
            - { flag: payments-v2-backend, variant: on }
          rules:
            - name: staff
              when: { email: { endsWith: "@example.com" } }
              serve: on
            - segment: beta-accounts
              serve: on
            - when: { plan: { in: [enterprise] }, country: { notIn: [DE] } }
              serve: off
          fallthrough:
            rollout: { variant: on }
        ---
        apiVersion: rollout-controller/v1
        kind: Segment
        metadata:
          name: beta-accounts
          owner: team-payments
          reason: Accounts that asked for early access
        spec:
          when: { appVersion: { semverGte: 2.4.0 } }
          keys: [acct-1, acct-2]
        ---
        apiVersion: rollout-controller/v1
        kind: RolloutPolicy
        metadata:
          name: new-checkout
          owner: team-payments
          type: release
          reason: One-page checkout
          removal: { criterion: at 100% for 7 days, reviewBy: 2026-12-15 }
        spec:
          flag: { key: new-checkout }
          analysis:
            interval: 1m
            guardrails:
              - name: error-rate
                query: 'sum(rate(errors_total{flag="{{ flag }}"}[5m]))'
                max: 0.01

        """;

    /// <summary>The valid file with one exact piece of text replaced (which must be present once).</summary>
    public static string With(string find, string replacement)
    {
        Valid.Split(find).Length.ShouldBe(2, $"'{find}' must occur once");
        return Valid.Replace(find, replacement, StringComparison.Ordinal);
    }
}
