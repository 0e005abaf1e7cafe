namespace RolloutController.IntegrationTests.Backtesting;

/// <summary>A policy file for <see cref="CheckoutHistory"/>'s flag in a temporary directory: 30-minute stages, a round every 5 minutes.</summary>
internal sealed class BacktestPolicyFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("backtest-policy-").FullName;

    public BacktestPolicyFile(string? text = null)
    {
        Path = System.IO.Path.Combine(_directory, "bt-checkout.yaml");
        File.WriteAllText(Path, text ?? Yaml);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public const string Yaml = """
        apiVersion: rollout-controller/v1
        kind: RolloutPolicy
        metadata:
          name: bt-checkout
          owner: team-payments
          type: ops
          reason: Replay test of the checkout error budget
        spec:
          flag: { key: bt-checkout }
          stages:
            - { weight: 1, hold: 30m }
            - { weight: 10, hold: 30m }
            - { weight: 25, hold: 30m }
            - { weight: 50, hold: 30m }
            - { weight: 100, hold: 3h }
          analysis:
            interval: 5m
            guardrails:
              - name: error-rate
                query: |
                  sum(rate(http_requests_total{flag="{{ flag }}",variant="on",code=~"5.."}[5m])) / sum(rate(http_requests_total{flag="{{ flag }}",variant="on"}[5m]))
                max: 0.01
                failureLimit: 2
              - name: request-rate
                query: sum(rate(http_requests_total{flag="{{ flag }}",variant="on"}[5m]))
                min: 1
        """;
}
