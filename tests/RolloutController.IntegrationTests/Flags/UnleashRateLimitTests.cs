using Microsoft.Extensions.Time.Testing;
using RolloutController.Flags.Platforms;
using RolloutController.Flags.Unleash;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Platforms;
using RolloutController.TestUtilities.Prometheus;
using RolloutController.TestUtilities.Time;

namespace RolloutController.IntegrationTests.Flags;

/// <summary>An Unleash that answers <c>429</c> with <c>Retry-After</c> (its API rate limit): the next attempt waits that long.</summary>
public sealed class UnleashRateLimitTests
{
    [Fact]
    public async Task A_429_retry_after_is_honoured()
    {
        await using var unleash = await StubHttpServer.StartAsync();
        unleash.Respond(new StubResponse(429, "{}", Headers: new Dictionary<string, string> { ["Retry-After"] = "17" }));
        FakeTimeProvider time = TestClock.New();
        using var harness = new PlatformHarness(UnleashPlatform.PlatformType, unleash.BaseUri, "*:*.token", time);
        var policy = PlatformHarness.Policy("limited");

        harness.Want(policy, new RolloutState { FlagKey = "limited", PolicyName = "limited", Phase = RolloutPhase.Observing, StageIndex = 0, Weight = 10m });
        await harness.SyncAsync("limited");

        var sync = harness.Flag("limited");
        sync.Status.ShouldBe(PlatformSyncStatus.Unreachable);
        sync.Detail.ShouldContain("429 rate limited");
        sync.NextAttempt.ShouldBe(time.GetUtcNow() + TimeSpan.FromSeconds(17));
        var request = unleash.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/api/admin/projects/default/features/limited");
        request.Headers["Authorization"].ShouldBe("*:*.token", "Unleash takes the token without a scheme");
    }
}
