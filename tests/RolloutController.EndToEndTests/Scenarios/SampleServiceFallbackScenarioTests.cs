using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Processes;
using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.EndToEndTests.Scenarios;

/// <summary>
/// The sample service keeps serving what the controller last said when the controller goes away (last known good, the
/// fallback docs/push.md recommends for release flags), counts where each value came from and shows how old the
/// controller's last answer is.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SampleServiceFallbackScenarioTests
{
    private const string Flag = "fallback-flag";
    private const string Age = $"flag_last_answer_age_seconds{{flag=\"{Flag}\"}}";

    private static string Served(string source) => $"flag_evaluations_total{{flag=\"{Flag}\",source=\"{source}\"}}";

    [Fact]
    public async Task Given_a_service_the_controller_answered_when_the_controller_dies_then_users_keep_their_side_and_the_answer_ages()
    {
        var work = Directory.CreateTempSubdirectory("rollout-e2e-fallback-").FullName;
        try
        {
            // Given a controller serving a 50% stage and a service with 200 users asking it 200 times a second.
            var policies = Directory.CreateDirectory(Path.Combine(work, "policies")).FullName;
            new TestPolicy(Flag, [(50m, "1h"), (100m, "1h")]).WriteTo(policies);
            await using var controller = await ControllerProcess.StartAsync(work, policies, StubHttpServer.ClosedPortUri(), StubHttpServer.ClosedPortUri());
            await using var service = await SampleServiceProcess.StartAsync(controller.BaseUrl, Flag, requestsPerSecond: 200, users: 200);
            // Every user asked at least once (200 requests a second over 200 users: after 5 s one is missed with p < 1%).
            await Eventually(async () => await service.MetricAsync(Served("controller")) >= 2_000, "the controller answered 2,000 evaluations");
            (await service.MetricAsync(Age)).ShouldNotBeNull().ShouldBeLessThan(2);
            var onBefore = await service.MetricAsync($"checkout_started_total{{flag=\"{Flag}\",variant=\"on\"}}");

            // When the controller dies.
            await controller.KillAsync();
            var fallbacksAtKill = await service.MetricAsync(Served("last_known_good")) ?? 0;
            var defaultsAtKill = await service.MetricAsync(Served("default")) ?? 0;

            // Then requests are served the last answer per user, the flag-on cohort keeps getting traffic, and the
            // answer's age grows.
            await Eventually(async () => await service.MetricAsync(Served("last_known_good")) >= fallbacksAtKill + 1_000, "1,000 last-known-good answers");
            (await service.MetricAsync(Age)).ShouldNotBeNull().ShouldBeGreaterThan(2);
            var defaults = (await service.MetricAsync(Served("default")) ?? 0) - defaultsAtKill;
            defaults.ShouldBeLessThan(50, "almost every user was answered before the outage, so few fall back to the code default");
            (await service.MetricAsync($"checkout_started_total{{flag=\"{Flag}\",variant=\"on\"}}")).ShouldNotBeNull().ShouldBeGreaterThan(onBefore ?? 0,
                "users the controller had put on the flag stay on it");
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static Task Eventually(Func<Task<bool>> condition, string what) =>
        HttpWait.UntilAsync(condition, TimeSpan.FromSeconds(60), () => $"not within 60 s: {what}");
}
