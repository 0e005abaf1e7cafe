using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>
/// Two controllers on one SQLite file (each with its own in-memory schedule): what one changes, the other serves by its
/// next refresh from the store or its next round. Replicas on PostgreSQL, which share the schedule: <see cref="ClusterTests"/>.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class ReplicaTests(GuardrailMetricsFixture fixture)
{
    private const string Flag = "replicated";
    private static readonly string[] Users = [.. Enumerable.Range(0, 40).Select(i => $"user-{i}")];

    [Fact]
    public async Task A_command_on_one_replica_reaches_the_other_within_a_round()
    {
        await using var first = await fixture.Metrics.StartControllerAsync([new TestPolicy(Flag, [(50m, "1h"), (100m, "1h")])]);
        await using var second = await RunningController.StartAsync(new ControllerSetup
        {
            PoliciesDirectory = first.PoliciesDirectory,
            DatabasePath = first.DatabasePath,
            PrometheusUrl = fixture.Metrics.Url,
        });
        (await Task.WhenAll(Users.Select(u => second.Api.EvaluateAsync(Flag, u)))).ShouldContain(true);

        await first.Api.CommandOkAsync(Flag, "abort", "replica test");

        (await Task.WhenAll(Users.Select(u => first.Api.EvaluateAsync(Flag, u)))).ShouldAllBe(v => !v);
        ControllerApiClient.Phase(await second.Api.GetRolloutAsync(Flag)).ShouldBe("Aborted");
        await WaitUntilAsync(async () => (await Task.WhenAll(Users.Select(u => second.Api.EvaluateAsync(Flag, u)))).All(v => !v),
            TimeSpan.FromSeconds(5), "the second replica serves the abort");

        var history = (await second.Api.GetRolloutAsync(Flag)).GetProperty("history").EnumerateArray()
            .Select(t => t.GetProperty("trigger").GetString()).ToList();
        history.ShouldBe(["abort", "start"]);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        throw new TimeoutException($"{what}: not within {timeout}");
    }
}
