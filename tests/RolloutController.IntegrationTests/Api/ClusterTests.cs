using RolloutController.Rollouts;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;
using RolloutController.Scheduling;
using RolloutController.Store;
using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Postgres;

namespace RolloutController.IntegrationTests.Api;

/// <summary>
/// Replicas on one PostgreSQL database: every one serves OFREP and the API, each rollout's rounds run on exactly one of
/// them at a time (the clustered Quartz job store in the same database), and another one takes them over.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed partial class ClusterTests(GuardrailMetricsFixture fixture) : IAsyncLifetime
{
    private static readonly string[] Users = [.. Enumerable.Range(0, 40).Select(i => $"user-{i}")];
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private PostgresDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync("cluster");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Two_replicas_measure_a_rollout_once_per_interval_not_once_each()
    {
        const string flag = "clustered-rounds";
        await using var first = await StartFirstAsync(Ramp(flag));
        await using var second = await StartReplicaAsync(first.PoliciesDirectory);

        var executedBefore = await ExecutedAsync(first, second);
        var rounds = await RoundsDuringAsync(flag, TimeSpan.FromSeconds(10));
        var executed = await ExecutedAsync(first, second) - executedBefore;

        // One round per second over both replicas, give or take the scheduler's jitter; each replica running its own
        // would execute about 20 (the engine then skips a round that comes less than half an interval after the last).
        executed.ShouldBeInRange(7, 12);
        rounds.Count.ShouldBeInRange(7, 12, $"rounds at {string.Join(", ", rounds.Select(r => r.ToString("HH:mm:ss.fff")))}");
        await ShouldHaveOneJobAsync(first, flag);
    }

    [Fact]
    public async Task A_command_on_one_replica_is_served_by_the_other_within_the_refresh_interval()
    {
        const string flag = "clustered-command";
        // Rounds every 10 minutes: after the first one, only the refresh can bring the other replica the change.
        await using var first = await StartFirstAsync(new TestPolicy(flag, [(50m, "1h"), (100m, "1h")], Interval: "10m"));
        await using var second = await StartReplicaAsync(first.PoliciesDirectory);
        (await EvaluateAllAsync(second, flag)).ShouldContain(true);

        await first.Api.CommandOkAsync(flag, "abort", "cluster test");
        var elapsed = Stopwatch.StartNew();

        (await EvaluateAllAsync(first, flag)).ShouldAllBe(v => !v);
        await WaitUntilAsync(async () => (await EvaluateAllAsync(second, flag)).All(v => !v),
            StoreOptions.DefaultRefreshInterval + TimeSpan.FromSeconds(3), "the other replica serves the abort");
        elapsed.Elapsed.ShouldBeLessThan(StoreOptions.DefaultRefreshInterval + TimeSpan.FromSeconds(3));
        ControllerApiClient.Phase(await second.Api.GetRolloutAsync(flag)).ShouldBe("Aborted");
    }

    [Fact]
    public async Task Rounds_go_on_when_either_replica_stops()
    {
        const string flag = "clustered-failover";
        await using var first = await StartFirstAsync(Ramp(flag));
        await using var second = await StartReplicaAsync(first.PoliciesDirectory);
        (await RoundsDuringAsync(flag, TimeSpan.FromSeconds(3))).ShouldNotBeEmpty();

        // A stopping replica hands its acquired rounds back; the other one picks them up at its next look.
        await first.StopAsync();
        await ShouldGoOnAsync(flag);

        // The other replica kept measuring meanwhile: a replica coming back has no downtime to take off the hold.
        await first.RestartAsync();
        first.Log.Lines.ShouldNotContain(line => line.Contains("after a restart", StringComparison.Ordinal));
        await second.StopAsync();
        await ShouldGoOnAsync(flag);
    }

    [Fact]
    public async Task Replicas_starting_together_on_a_new_database_share_one_schedule_that_survives_restarts()
    {
        const string flag = "clustered-restart";
        await fixture.Metrics.SetHealthyAsync(flag);
        var policies = Directory.CreateTempSubdirectory("rollout-cluster-policies-").FullName;
        try
        {
            Ramp(flag).WriteTo(policies);
            // Together, on a database without any table yet: one creates Quartz's schema, the others find it.
            var replicas = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => StartReplicaAsync(policies)));
            try
            {
                (await RoundsDuringAsync(flag, TimeSpan.FromSeconds(3))).ShouldNotBeEmpty();
                var before = await ShouldHaveOneJobAsync(replicas[0], flag);

                foreach (var replica in replicas) await replica.StopAsync();
                await Task.WhenAll(replicas.Select(r => r.RestartAsync()));

                // Kept as it was: not rescheduled (its start time is that of the first run), not duplicated.
                var after = await ShouldHaveOneJobAsync(replicas[1], flag);
                after.StartTimeUtc.ShouldBe(before.StartTimeUtc);
                (await RoundsDuringAsync(flag, TimeSpan.FromSeconds(3))).ShouldNotBeEmpty();
            }
            finally
            {
                foreach (var replica in replicas) await replica.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(policies, recursive: true);
        }
    }

    [Fact]
    public async Task The_stored_schedule_follows_the_policies_across_restarts()
    {
        const string kept = "clustered-kept";
        const string removed = "clustered-removed";
        await using var controller = await StartFirstAsync([Ramp(kept), Ramp(removed)]);
        await ShouldHaveOneJobAsync(controller, removed);
        var keptStart = (await ShouldHaveOneJobAsync(controller, kept)).StartTimeUtc;
        await controller.StopAsync();

        // While no replica runs: one policy goes away, the other one's interval changes.
        File.Delete(Path.Combine(controller.PoliciesDirectory, removed + ".yaml"));
        (Ramp(kept) with { Interval = "2s" }).WriteTo(controller.PoliciesDirectory);
        await controller.RestartAsync();

        var scheduler = await SchedulerOf(controller);
        (await scheduler.Exists(RolloutScheduler.JobOf(removed))).ShouldBeFalse("a job of a policy no longer in force is deleted from the store");
        var interval = (ISimpleTrigger)(await scheduler.GetTrigger(RolloutScheduler.IntervalTriggerOf(kept)))!;
        interval.RepeatInterval.ShouldBe(TimeSpan.FromSeconds(2));
        interval.StartTimeUtc.ShouldNotBe(keptStart, "a changed interval is rescheduled");
        RoundClock.FirstDueAt(kept, TimeSpan.FromSeconds(2), interval.StartTimeUtc).ShouldBe(interval.StartTimeUtc,
            "on the rollout's own grid of the new interval");
    }

    private static TestPolicy Ramp(string flag) => new(flag, [(50m, "1h"), (100m, "1h")]);

    private Task<RunningController> StartFirstAsync(params TestPolicy[] policies) => StartFirstAsync(null, policies);

    /// <param name="refreshInterval">Store:RefreshInterval; the default when null.</param>
    private Task<RunningController> StartFirstAsync(string? refreshInterval, params TestPolicy[] policies) =>
        fixture.Metrics.StartControllerAsync(policies, setup => setup with { Overrides = PostgresStore(refreshInterval) });

    private Task<RunningController> StartReplicaAsync(string policiesDirectory, string? refreshInterval = null) =>
        RunningController.StartAsync(new ControllerSetup
        {
            PoliciesDirectory = policiesDirectory,
            PrometheusUrl = fixture.Metrics.Url,
            Overrides = PostgresStore(refreshInterval),
        });

    private Dictionary<string, string?> PostgresStore(string? refreshInterval = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RolloutController:Store:Provider"] = "postgres",
            ["RolloutController:Store:ConnectionString"] = _database.ConnectionString,
        };
        if (refreshInterval is not null) settings["RolloutController:Store:RefreshInterval"] = refreshInterval;
        return settings;
    }

    /// <summary>The times of the rounds stored while <paramref name="window"/> passes, whichever replica ran them.</summary>
    private async Task<IReadOnlyList<DateTimeOffset>> RoundsDuringAsync(string flag, TimeSpan window)
    {
        var from = DateTimeOffset.UtcNow;
        await Task.Delay(window);
        var to = DateTimeOffset.UtcNow;
        var store = RolloutStoreFactory.Postgres(_database.ConnectionString, NullLogger.Instance);
        var measurements = await store.GetMeasurementsAsync(flag, 1000, CancellationToken.None);
        return [.. measurements.Select(m => m.Measurement.At).Where(at => at >= from && at < to).Distinct().Order()];
    }

    private async Task ShouldGoOnAsync(string flag)
    {
        // The survivor looks for due rounds at least every idle wait; from then on, one round a second.
        await Task.Delay(SchedulingServiceCollectionExtensions.IdleWaitTime + Interval);
        var rounds = await RoundsDuringAsync(flag, TimeSpan.FromSeconds(4));
        rounds.Count.ShouldBeInRange(2, 6, $"rounds at {string.Join(", ", rounds.Select(r => r.ToString("HH:mm:ss.fff")))}");
    }

    /// <summary>Reads the shared job store through a replica: exactly one job and one interval trigger for the flag.</summary>
    private static async Task<ITrigger> ShouldHaveOneJobAsync(RunningController replica, string flag)
    {
        var scheduler = await SchedulerOf(replica);
        var jobs = await scheduler.QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(RolloutScheduler.Group), Take = PagedQuery.All });
        jobs.Items.Select(j => j.Key).Where(k => k.Name.EndsWith(":" + flag, StringComparison.Ordinal)).ShouldBe([RolloutScheduler.JobOf(flag)]);
        var triggers = await scheduler.QueryTriggers(new TriggerQuery { Job = RolloutScheduler.JobOf(flag), Take = PagedQuery.All });
        triggers.Items.Select(t => t.Key).Where(k => k != RolloutScheduler.GateTriggerOf(flag)).ShouldBe([RolloutScheduler.IntervalTriggerOf(flag)]);
        return (await scheduler.GetTrigger(RolloutScheduler.IntervalTriggerOf(flag)))!;
    }

    private static async Task<IScheduler> SchedulerOf(RunningController replica)
    {
        var scheduler = await replica.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        (await scheduler.GetMetadata()).JobStoreClustered.ShouldBeTrue();
        return scheduler;
    }

    /// <summary>Jobs (rounds) the replicas' schedulers executed so far, added up.</summary>
    private static async Task<int> ExecutedAsync(params RunningController[] replicas)
    {
        var total = 0;
        foreach (var replica in replicas) total += (await (await SchedulerOf(replica)).GetMetadata()).JobsExecuted;
        return total;
    }

    private static async Task<bool[]> EvaluateAllAsync(RunningController replica, string flag) =>
        await Task.WhenAll(Users.Select(u => replica.Api.EvaluateAsync(flag, u)));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < timeout)
        {
            if (await condition()) return;
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
        throw new TimeoutException($"{what}: not within {timeout}");
    }
}
