using RolloutController.Store.Sqlite;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>
/// SQLite is for one controller: a second one on the same file stops at start-up, before it touches the store, and the
/// first goes on; once the first is gone the file is free again. Replicas share a store on PostgreSQL only: a command on
/// one served by the other is <see cref="ClusterTests.A_command_on_one_replica_is_served_by_the_other_within_the_refresh_interval"/>.
/// Two real processes: the end-to-end <c>SqliteSingleProcessScenarioTests</c>.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class ReplicaTests(GuardrailMetricsFixture fixture)
{
    private const string Flag = "replicated";

    [Fact]
    public async Task A_second_controller_on_the_same_SQLite_file_refuses_to_start_and_the_first_keeps_serving()
    {
        await using var first = await fixture.Metrics.StartControllerAsync([new TestPolicy(Flag, [(50m, "1h"), (100m, "1h")])]);
        var second = new ControllerSetup { PoliciesDirectory = first.PoliciesDirectory, DatabasePath = first.DatabasePath, PrometheusUrl = fixture.Metrics.Url };

        var refused = await Should.ThrowAsync<SqliteStoreInUseException>(() => RunningController.StartAsync(second));

        refused.Message.ShouldStartWith($"the SQLite store '{first.DatabasePath}' is in use by another controller process (it holds '{first.DatabasePath}.lock').");
        refused.Message.ShouldContain("several replicas need PostgreSQL");
        await first.Api.CommandOkAsync(Flag, "pause", "still the only writer");
        ControllerApiClient.Phase(await first.Api.GetRolloutAsync(Flag)).ShouldBe("Paused");

        await first.StopAsync();
        await using var next = await RunningController.StartAsync(second);
        ControllerApiClient.Phase(await next.Api.GetRolloutAsync(Flag)).ShouldBe("Paused");
    }
}
