using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RolloutController.Flags.Builtin;
using RolloutController.Flags.Changes;
using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Telemetry;

namespace RolloutController.IntegrationTests.Api;

/// <summary>
/// Replicas in step through LISTEN/NOTIFY, with the periodic refresh set to 10 minutes so that only a notification can
/// bring one replica a change stored by the other. A lost LISTEN connection is reconnected, counted and logged, and what
/// changed while it was gone is read once it is back.
/// </summary>
public sealed partial class ClusterTests
{
    private const string NoRefresh = "00:10:00";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_command_on_one_replica_is_served_and_pushed_by_the_other_at_once()
    {
        const string flag = "synced-abort";
        // Rounds every 10 minutes: after the first, only a command changes the flag.
        await using var first = await StartFirstAsync(NoRefresh, new TestPolicy(flag, [(50m, "1h"), (100m, "1h")], Interval: "10m"));
        await using var second = await StartReplicaAsync(first.PoliciesDirectory, NoRefresh);
        await WaitUntilAsync(async () => (await EvaluateAllAsync(second, flag)).Contains(true), Patience, "the second replica serves the ramp");
        using var subscription = second.Services.GetRequiredService<IFlagChangeFeed>().Subscribe();

        var elapsed = Stopwatch.StartNew();
        await first.Api.CommandOkAsync(flag, "abort", "replica sync test");

        await WaitUntilAsync(async () => (await EvaluateAllAsync(second, flag)).All(v => !v), Patience, "the second replica serves the abort");
        elapsed.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "far below the 10-minute refresh: the notification brought it");
        using var timeout = new CancellationTokenSource(Patience);
        (await subscription.NextAsync(timeout.Token)).Flags.ShouldContain(flag, "the second replica's event stream is told too");
        MetricsExposition.Collect(second.Services).ShouldContain("rollout_controller_replica_sync_listening 1");
    }

    [Fact]
    public async Task A_lost_listen_connection_is_reconnected_counted_logged_and_the_gap_is_read()
    {
        const string flag = "synced-gap";
        await using var first = await StartFirstAsync(NoRefresh, new TestPolicy(flag, [(50m, "1h"), (100m, "1h")], Interval: "10m"));
        await using var second = await StartReplicaAsync(first.PoliciesDirectory, NoRefresh);
        await WaitUntilAsync(async () => (await EvaluateAllAsync(second, flag)).Contains(true), Patience, "the second replica serves the ramp");
        await WaitUntilAsync(() => Task.FromResult(Logged(second, "Listening on PostgreSQL channel")), Patience, "the second replica listens");

        // Cut every listening connection, then store a change while the second replica cannot hear it.
        await using (var admin = new NpgsqlConnection(_database.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @name AND datname = current_database()", admin);
            kill.Parameters.AddWithValue("name", PostgresChangeListener.ApplicationName);
            await kill.ExecuteNonQueryAsync();
        }
        await first.Api.CommandOkAsync(flag, "abort", "while the second replica is deaf");

        await WaitUntilAsync(async () => (await EvaluateAllAsync(second, flag)).All(v => !v), Patience, "the second replica serves the abort after reconnecting");
        Logged(second, "Lost the PostgreSQL LISTEN connection").ShouldBeTrue();
        await WaitUntilAsync(() => Task.FromResult(Logged(second, "PostgreSQL LISTEN restored")), Patience, "restored is logged");
        var metrics = MetricsExposition.Collect(second.Services);
        metrics.ShouldContain("rollout_controller_replica_sync_reconnects_total 1");
        metrics.ShouldContain("rollout_controller_replica_sync_listening 1");
    }

    private static bool Logged(RunningController replica, string text) =>
        replica.Log.Lines.Any(l => l.Contains(text, StringComparison.Ordinal));
}
