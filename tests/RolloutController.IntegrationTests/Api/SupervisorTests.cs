using Microsoft.Extensions.DependencyInjection;
using RolloutController.Scheduling;
using RolloutController.Store;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>How the running controller starts rollouts when the store misbehaves.</summary>
[Collection(ControllerCollection.Name)]
public sealed class SupervisorTests(GuardrailMetricsFixture fixture)
{
    [Fact]
    public async Task A_rollout_the_store_failed_to_start_is_started_on_retry()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages("late-start")], setup => setup with
        {
            ConfigureServices = services =>
            {
                var real = services.Last(d => d.ServiceType == typeof(IRolloutStore));
                services.Remove(real);
                services.AddSingleton<IRolloutStore>(sp => new FailingSavesStore((IRolloutStore)real.ImplementationFactory!(sp), failures: 1));
            },
        });

        var started = await controller.Api.WaitForRolloutAsync("late-start", _ => true,
            RolloutSupervisor.StartRetryDelay + TimeSpan.FromSeconds(5), "started after the outage");

        ControllerApiClient.Phase(started).ShouldBe("Observing");
        controller.Log.Lines.ShouldContain(l => l.Contains("Could not start or restore 1 rollout(s); trying again in 00:00:05", StringComparison.Ordinal));
    }
}
