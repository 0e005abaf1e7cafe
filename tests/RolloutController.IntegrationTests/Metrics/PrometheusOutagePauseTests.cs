using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;
using RolloutController.IntegrationTests.Api;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Metrics;

/// <summary>
/// A running controller whose real Prometheus goes away: the error limit pauses the rollout after
/// <c>consecutiveErrorLimit × interval</c>, plus at most one attempt, because a query's retries fit in half the interval.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class PrometheusOutagePauseTests(ITestOutputHelper output)
{
    private const string Flag = "outage-pause";
    private const int ErrorLimit = 3;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    // Rounds start on the scheduler's tick (tens of milliseconds late under load), the API is polled every 100 ms, and the
    // store write of the pause takes a moment.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.5);

    // Late is what a busy machine adds (8.9 s was seen against an 8.5 s bound with the whole suite running on 2 CPUs);
    // the retries this test guards against would add seconds per round, three rounds over.
    private static readonly TimeSpan LateSlack = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task Prometheus_down_pauses_within_the_error_limit_times_the_interval_plus_one_attempt()
    {
        var metrics = await GuardrailMetrics.StartAsync();
        await using var _ = metrics;
        var policy = new TestPolicy(Flag, [(10m, "1h"), (100m, "1h")], Interval: "2s", ConsecutiveErrorLimit: ErrorLimit);
        await using var controller = await metrics.StartControllerAsync([policy], setup => setup with
        {
            Overrides = new Dictionary<string, string?>
            {
                // The defaults: two retries, 1 s then 2 s apart — 3 s of retries a query before the budget bounded them.
                ["RolloutController:Prometheus:Retries"] = "2",
                ["RolloutController:Prometheus:RetryDelay"] = "00:00:01",
                ["RolloutController:Prometheus:Timeout"] = "00:00:01",
            },
        });
        await controller.Api.WaitForRolloutAsync(Flag, d => d.GetProperty("guardrails")[0].GetProperty("last") is { ValueKind: JsonValueKind.Object } last && last.GetProperty("verdict").GetString() == "pass",
            TimeSpan.FromSeconds(20), "a healthy round");

        await metrics.Prometheus.DisposeAsync();
        var down = Stopwatch.StartNew();
        await controller.Api.WaitForRolloutAsync(Flag, d => ControllerApiClient.Phase(d) == "Paused", TimeSpan.FromSeconds(40), "paused");
        var toPause = down.Elapsed;
        output.WriteLine($"paused {toPause.TotalSeconds:0.00} s after Prometheus went down");

        // The first failing round comes within one interval; the pause at the third, two intervals later.
        var bound = ErrorLimit * Interval + AttemptTimeout + LateSlack;
        toPause.ShouldBeLessThan(bound, $"paused {toPause.TotalSeconds:0.0} s after Prometheus went down; at most {bound.TotalSeconds:0.0} s");
        toPause.ShouldBeGreaterThan((ErrorLimit - 1) * Interval - Slack, "three failed rounds, not fewer");
        var detail = await controller.Api.GetRolloutAsync(Flag);
        detail.GetProperty("rollout").GetProperty("pauseReason").GetString()!.ShouldContain($"{ErrorLimit} rounds in a row");
    }
}
