using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RolloutController.Flags;
using RolloutController.Flags.Builtin;
using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Time;

namespace RolloutController.IntegrationTests.Api;

[Collection(ControllerCollection.Name)]
public sealed class HealthEndpointTests(GuardrailMetricsFixture fixture)
{
    private GuardrailMetrics Metrics => fixture.Metrics;

    [Fact]
    public async Task Healthz_answers_ok()
    {
        await using var controller = await Metrics.StartControllerAsync([TestPolicy.FourStages("health-check")]);

        using var response = await controller.Client.GetAsync("healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("ok\n");
    }

    [Fact]
    public async Task Readyz_is_503_until_the_policies_are_scheduled_then_200()
    {
        var gate = (GatedFlagBackend?)null;
        await Metrics.SetHealthyAsync("ready-check");
        await using var controller = await RunningController.StartAsync(new ControllerSetup
        {
            Policies = [TestPolicy.FourStages("ready-check")],
            PrometheusUrl = Metrics.Url,
            ConfigureServices = services => services.AddSingleton<IFlagBackend>(sp =>
                gate = new GatedFlagBackend(sp.GetRequiredService<BuiltinFlagCatalog>())),
        }, waitUntilReady: false);

        using (var starting = await controller.Client.GetAsync("readyz"))
        {
            starting.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await starting.Content.ReadAsStringAsync()).ShouldStartWith("starting");
        }
        using (var healthy = await controller.Client.GetAsync("healthz"))
            healthy.StatusCode.ShouldBe(HttpStatusCode.OK);

        gate.ShouldNotBeNull().Open();
        await controller.WaitUntilReadyAsync();
        using var ready = await controller.Client.GetAsync("readyz");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("ready\n");
    }

    [Fact]
    public async Task Ready_with_an_empty_policy_directory()
    {
        await using var controller = await RunningController.StartAsync(new ControllerSetup { PrometheusUrl = Metrics.Url });

        using var response = await controller.Client.GetAsync("api/v1/rollouts");
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"rollouts":[],"next":null,"total":0}""");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Ready_on_a_clock_that_never_moves(bool withPolicy)
    {
        var clock = TestClock.New();
        await using var controller = await RunningController.StartAsync(new ControllerSetup
        {
            Policies = withPolicy ? [TestPolicy.FourStages("manual-clock")] : [],
            PrometheusUrl = Metrics.Url,
            TimeProvider = clock,
        });

        var rollouts = JsonDocument.Parse(await controller.Client.GetStringAsync("api/v1/rollouts")).RootElement.GetProperty("rollouts");

        rollouts.GetArrayLength().ShouldBe(withPolicy ? 1 : 0);
        if (withPolicy) rollouts[0].GetProperty("stageStartedAt").GetDateTimeOffset().ShouldBe(clock.GetUtcNow());
    }

    [Fact]
    public async Task Metrics_exposes_the_weight_of_each_rollout()
    {
        await using var controller = await Metrics.StartControllerAsync([TestPolicy.FourStages("metrics-check"), TestPolicy.FourStages("metrics-other")]);

        using var response = await controller.Client.GetAsync("metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("rollout_controller_rollout_weight{flag=\"metrics-check\"} 1\n");
        body.ShouldContain("rollout_controller_rollout_weight{flag=\"metrics-other\"} 1\n");
        body.ShouldContain("rollout_controller_rollout_phase{flag=\"metrics-check\",phase=\"Observing\"} 1\n");
    }
}
