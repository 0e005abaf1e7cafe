using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RolloutController.Scheduling;
using RolloutController.Store;
using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Postgres;
using RolloutController.TestUtilities.Processes;
using RolloutController.TestUtilities.Prometheus;
using Xunit.Abstractions;

namespace RolloutController.EndToEndTests.Scenarios;

/// <summary>
/// Two controller processes on one PostgreSQL database; the one running a rollout's rounds is killed (SIGKILL, no
/// shutdown): once the other declares it failed, the rounds go on there.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class ClusterFailoverScenarioTests(ITestOutputHelper output)
{
    private const string Flag = "failover";

    // Missed check-in (5 s) + failure threshold (10 s) + the survivor's next check-in pass and look for due rounds.
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(35);

    [Fact]
    public async Task Rounds_go_on_on_the_other_replica_after_the_one_running_them_is_killed()
    {
        await using var metrics = await GuardrailMetrics.StartAsync();
        await metrics.SetHealthyAsync(Flag);
        await using var database = await PostgresDatabase.CreateAsync("failover");
        var work = Directory.CreateTempSubdirectory("rollout-e2e-cluster-").FullName;
        try
        {
            var policies = Directory.CreateDirectory(Path.Combine(work, "policies")).FullName;
            new TestPolicy(Flag, [(50m, "1h"), (100m, "1h")]).WriteTo(policies);
            await using var first = await StartReplicaAsync(work, "first", policies, metrics.Url, database.ConnectionString);
            await using var second = await StartReplicaAsync(work, "second", policies, metrics.Url, database.ConnectionString);

            var holder = await HolderAsync(database.ConnectionString, first, second);
            await holder.KillAsync();
            var killedAt = DateTimeOffset.UtcNow;

            var store = RolloutStoreFactory.Postgres(database.ConnectionString, NullLogger.Instance);
            DateTimeOffset? resumed = null;
            await HttpWait.UntilAsync(async () =>
            {
                var rounds = await store.GetMeasurementsAsync(Flag, 10, CancellationToken.None);
                resumed = rounds.Select(r => r.Measurement.At).Where(at => at > killedAt + TimeSpan.FromSeconds(1)).Order().FirstOrDefault();
                return resumed > killedAt;
            }, FailoverBound, () => $"no round since the kill; survivor's log:\n{(holder == first ? second : first).Log}");
            output.WriteLine($"rounds resumed {(resumed!.Value - killedAt).TotalSeconds:0.0} s after the kill");

            // And they go on at one per interval.
            var since = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(4));
            var after = await store.GetMeasurementsAsync(Flag, 50, CancellationToken.None);
            after.Select(r => r.Measurement.At).Count(at => at >= since).ShouldBeInRange(2, 6);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static Task<ControllerProcess> StartReplicaAsync(string work, string name, string policies, Uri prometheus, string connectionString) =>
        ControllerProcess.StartAsync(Directory.CreateDirectory(Path.Combine(work, name)).FullName, policies, prometheus,
            StubHttpServer.ClosedPortUri(), postgresConnectionString: connectionString);

    /// <summary>The replica whose scheduler has the rollout's round acquired or running, as the fired-trigger table says.</summary>
    private static async Task<ControllerProcess> HolderAsync(string connectionString, params ControllerProcess[] replicas)
    {
        ControllerProcess? holder = null;
        await HttpWait.UntilAsync(async () =>
        {
            var ids = replicas.Select(r => InstanceId().Match(r.Log)).Select(m => m.Success ? m.Groups[1].Value : null).ToList();
            var holding = await FiredTriggerInstancesAsync(connectionString);
            var index = ids.FindIndex(id => id is not null && holding.Contains(id));
            holder = index < 0 ? null : replicas[index];
            return holder is not null;
        }, TimeSpan.FromSeconds(30), () => $"no replica holds the rounds; logs:\n{string.Join("\n---\n", replicas.Select(r => r.Log))}",
            TimeSpan.FromMilliseconds(100));
        return holder!;
    }

    private static async Task<HashSet<string>> FiredTriggerInstancesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT instance_name FROM {SchedulingServiceCollectionExtensions.TablePrefix}fired_triggers WHERE sched_name = @name", connection);
        command.Parameters.AddWithValue("name", SchedulingServiceCollectionExtensions.SchedulerName);
        await using var reader = await command.ExecuteReaderAsync();
        var instances = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) instances.Add(reader.GetString(0));
        return instances;
    }

    [GeneratedRegex(@"scheduler instance (\S+), schedule")]
    private static partial Regex InstanceId();
}
