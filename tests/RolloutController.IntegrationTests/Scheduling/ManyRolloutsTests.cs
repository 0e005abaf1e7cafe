using System.Text.RegularExpressions;
using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.IntegrationTests.Scheduling;

/// <summary>
/// Many rollouts against a slow Prometheus: every one of them is measured every interval. (Before rounds were spread and
/// handed off, each interval was one burst on ten Quartz threads; rounds past Quartz's misfire threshold were skipped,
/// always for the same rollouts, which were then never measured.) Counts, not times: timing claims live in
/// docs/benchmarks.md.
/// </summary>
public sealed partial class ManyRolloutsTests
{
    private const int Rollouts = 400;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Observed = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Every_rollout_is_measured_every_interval_when_Prometheus_is_slow()
    {
        await using var prometheus = await StubHttpServer.StartAsync();
        prometheus.Respond(new StubResponse(200,
            """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000,"0.001"]}]}}""",
            Delay: TimeSpan.FromMilliseconds(100)));
        var policies = Enumerable.Range(0, Rollouts).Select(i => TestPolicy.FourStages($"many-{i:000}", hold: "1h", interval: "3s")).ToList();
        await using var controller = await RunningController.StartAsync(new ControllerSetup
        {
            Policies = policies,
            PrometheusUrl = prometheus.BaseUri,
            Overrides = new Dictionary<string, string?>
            {
                ["RolloutController:Prometheus:MaxConcurrentQueries"] = "32",
                // Every rollout queries on its own here: this is about rounds, not about sharing queries (BatchedRoundsTests).
                ["RolloutController:Prometheus:BatchWindow"] = "00:00:00",
            },
        });
        var from = prometheus.Requests.Count;

        await Task.Delay(Observed);

        var rounds = prometheus.Requests.Skip(from)
            .Select(r => FlagInQuery().Match(Uri.UnescapeDataString(r.Body.Replace('+', ' '))).Groups[1].Value)
            .GroupBy(flag => flag).ToDictionary(g => g.Key, g => g.Count());
        var expected = (int)(Observed / Interval);
        var missed = policies.Where(p => rounds.GetValueOrDefault(p.Flag) < expected - 1).Select(p => $"{p.Flag}: {rounds.GetValueOrDefault(p.Flag)}").ToList();
        missed.ShouldBeEmpty($"every rollout measured at least {expected - 1} times in {Observed} at an interval of {Interval}");

        var metrics = await controller.Client.GetStringAsync("metrics");
        metrics.ShouldContain("rollout_controller_rollouts_late 0");
        metrics.ShouldContain("rollout_controller_rounds_total{outcome=\"completed\"}");
    }

    [GeneratedRegex("""flag="([^"]+)"}""")]
    private static partial Regex FlagInQuery();
}
