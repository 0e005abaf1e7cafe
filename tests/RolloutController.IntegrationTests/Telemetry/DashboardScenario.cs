using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Prometheus;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.IntegrationTests.Telemetry;

/// <summary>
/// A running controller that has ramped one flag, rolled back another (its notice failing once before delivery),
/// failed every query of a third's guardrail, served OFREP evaluations and refused a command without a token; and a
/// real Prometheus scraping its <c>/metrics</c> every second.
/// </summary>
public sealed class DashboardScenario : IAsyncLifetime
{
    private const string Route = "oncall";

    private GuardrailMetrics _guardrails = null!;
    private WebhookReceiver _receiver = null!;

    public RunningController Controller { get; private set; } = null!;

    public PrometheusServer Prometheus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _guardrails = await GuardrailMetrics.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
        _receiver.FailNext(1, 500);
        var ramping = TestPolicy.FourStages("dash-ramping");
        var failing = new TestPolicy("dash-failing", [(10m, "1h"), (100m, "1h")], Notify: [Route]);
        // A guardrail answering with a range vector: every query ends in an error (unsupported_result).
        var erroring = TestPolicy.FourStages("dash-erroring");
        Controller = await _guardrails.StartControllerAsync([ramping, failing], setup => setup with
        {
            Overrides = new Dictionary<string, string?>
            {
                [$"RolloutController:Notifications:Routes:{Route}:0:Type"] = "webhook",
                [$"RolloutController:Notifications:Routes:{Route}:0:Url"] = _receiver.HookUrl.ToString(),
                [$"RolloutController:Notifications:Routes:{Route}:0:Secret"] = "0123456789abcdef0123",
                ["RolloutController:Notifications:InitialBackoff"] = "00:00:00.200",
            },
        });
        await _guardrails.SetErrorRatioAsync(0.5, failing.Flag);
        await File.WriteAllTextAsync(Path.Combine(Controller.PoliciesDirectory, "dash-erroring.yaml"),
            erroring.Render().Replace("max(test_error_ratio{flag=\"{{ flag }}\"})", "test_error_ratio{flag=\"{{ flag }}\"}[1m]", StringComparison.Ordinal));
        Prometheus = await PrometheusServer.StartAsync([new Uri(Controller.BaseUri, "metrics")]);

        foreach (var flag in (string[])[ramping.Flag, failing.Flag])
            for (var user = 0; user < 20; user++) await Controller.Api.EvaluateAsync(flag, $"user-{user}");
        using var refused = await Controller.Api.CommandAsync(ramping.Flag, "pause", token: null, reason: "no token");
        ((int)refused.StatusCode).ShouldBe(401);
    }

    public async Task DisposeAsync()
    {
        await Prometheus.DisposeAsync();
        await Controller.DisposeAsync();
        await _receiver.DisposeAsync();
        await _guardrails.DisposeAsync();
    }
}
