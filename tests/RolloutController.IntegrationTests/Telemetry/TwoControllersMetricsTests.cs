using RolloutController.IntegrationTests.Api;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Telemetry;

/// <summary>Two real controller hosts in one process each serve their own series on /metrics, every family once.</summary>
[Collection(ControllerCollection.Name)]
public sealed class TwoControllersMetricsTests(GuardrailMetricsFixture fixture)
{
    [Fact]
    public async Task Each_controller_serves_only_its_own_rollouts()
    {
        await using var first = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages("metrics-first")]);
        await using var second = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages("metrics-second")]);

        var firstText = await first.Client.GetStringAsync("metrics");
        var secondText = await second.Client.GetStringAsync("metrics");

        firstText.ShouldContain("rollout_controller_rollout_weight{flag=\"metrics-first\"} 1\n");
        firstText.ShouldNotContain("metrics-second");
        secondText.ShouldContain("rollout_controller_rollout_weight{flag=\"metrics-second\"} 1\n");
        secondText.ShouldNotContain("metrics-first");
        foreach (var text in new[] { firstText, secondText })
        {
            var families = text.Split('\n').Where(l => l.StartsWith("# TYPE ")).Select(l => l.Split(' ')[2]).ToList();
            families.ShouldBeUnique();
            families.ShouldContain("process_start_time_seconds");
            families.ShouldAllBe(f => f.StartsWith("rollout_controller_") || f.StartsWith("process_"));
        }
    }
}
