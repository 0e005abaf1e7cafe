using System.Text.Json;
using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.IntegrationTests.Metrics;

/// <summary>Rollouts whose guardrail queries differ only in the flag key are measured by batched queries, each flag getting its own answer.</summary>
public sealed class BatchedRoundsTests
{
    private const int Rollouts = 20;

    [Fact]
    public async Task Rollouts_sharing_a_template_are_measured_by_a_few_batched_queries()
    {
        var flags = Enumerable.Range(0, Rollouts).Select(i => $"batched-{i:00}").ToList();
        await using var prometheus = await StubHttpServer.StartAsync();
        // What Prometheus answers to `max by (flag) (...{flag=~"batched-00|..."})`: one series per flag, labelled with it.
        var series = string.Join(",", flags.Select((f, i) => $$$"""{"metric":{"flag":"{{{f}}}"},"value":[1700000000,"0.00{{{i % 9 + 1}}}"]}"""));
        prometheus.Respond(StubResponse.Json($$$"""{"status":"success","data":{"resultType":"vector","result":[{{{series}}}]}}"""));
        await using var controller = await RunningController.StartAsync(new ControllerSetup
        {
            Policies = flags.Select(f => TestPolicy.FourStages(f, interval: "2s")).ToList(),
            PrometheusUrl = prometheus.BaseUri,
        });

        foreach (var (flag, i) in flags.Select((f, i) => (f, i)))
        {
            var detail = await controller.Api.WaitForRolloutAsync(flag,
                d => d.GetProperty("guardrails")[0].GetProperty("last").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(20), "a measurement");
            var last = detail.GetProperty("guardrails")[0].GetProperty("last");
            last.GetProperty("verdict").GetString().ShouldBe("pass");
            last.GetProperty("value").GetDouble().ShouldBe((i % 9 + 1) / 1000.0, 1e-12, "each flag reads its own series of the batched answer");
            last.GetProperty("query").GetString().ShouldBe($"max({GuardrailMetrics.ErrorRatioMetric}{{flag=\"{flag}\"}})", "the measurement keeps the flag's own query");
        }

        var bodies = prometheus.Requests.Select(r => Uri.UnescapeDataString(r.Body.Replace('+', ' '))).ToList();
        bodies.ShouldAllBe(b => b.Contains("flag=~\""), "every query was a batched one");
        bodies.Count.ShouldBeLessThan(Rollouts, "fewer queries than rollouts measured");
        var metrics = await controller.Client.GetStringAsync("metrics");
        metrics.ShouldContain("rollout_controller_prometheus_batch_queries_total");
    }
}
