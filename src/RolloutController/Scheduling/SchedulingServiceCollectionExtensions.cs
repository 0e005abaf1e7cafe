using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;
using RolloutController.Store;

namespace RolloutController.Scheduling;

internal static class SchedulingServiceCollectionExtensions
{
    /// <summary>Scheduler name; with the table prefix it names the cluster in the database.</summary>
    public const string SchedulerName = "rollout-controller";

    /// <summary>Prefix of Quartz's tables in the PostgreSQL database (lower case: PostgreSQL folds unquoted names).</summary>
    public const string TablePrefix = "qrtz_";

    /// <summary>How often a replica records in the database that it is alive.</summary>
    public static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long past a missed check-in the other replicas wait before they take over a replica's acquired and running
    /// rounds. Above a long garbage-collection or database-failover pause, so a live replica is not written off.
    /// </summary>
    public static readonly TimeSpan CheckinMisfireThreshold = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a replica that found nothing due asks the database again. It bounds how soon a replica notices
    /// rounds another one released when it stopped.
    /// </summary>
    public static readonly TimeSpan IdleWaitTime = TimeSpan.FromSeconds(5);

    /// <summary>Round jobs Quartz runs at once, and triggers it acquires at once. A job only hands its round over.</summary>
    public const int JobSlots = 32;

    /// <summary>How early a trigger may fire to join an acquisition batch: rounds fire at most this much before they are due.</summary>
    public static readonly TimeSpan FireAhead = TimeSpan.FromMilliseconds(500);

    /// <summary>How late a round may fire before it counts as missed and its trigger's misfire instruction applies.</summary>
    public static readonly TimeSpan MisfireThreshold = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Registers what runs the rounds: the round pipeline (and its options), the query batcher, the scheduler that keeps
    /// each rollout's triggers, the rollout supervisor that restores rollouts and starts the scheduler, the lateness
    /// watchdog and readiness, and Quartz. Call it after <c>AddRolloutEngine</c>: hosted services start in the order they
    /// are registered, and safety moves held in the journal are served again before any round runs.
    /// </summary>
    public static IServiceCollection AddRounds(this IServiceCollection services, IConfiguration configuration, TimeProvider time)
    {
        services.AddSingleton<Metrics.Batching.QueryBatcher>();
        services.AddSingleton<RolloutScheduler>();
        services.TryAddSingleton<ControllerReadiness>();
        services.AddOptions<RoundOptions>().Bind(configuration.GetSection(RoundOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RoundOptions>, RoundOptionsValidator>();
        services.AddSingleton<RoundPipeline>();
        services.AddRolloutScheduling(configuration, time);
        services.AddHostedService(sp => sp.GetRequiredService<RoundPipeline>());
        services.AddHostedService<RolloutSupervisor>();
        services.AddHostedService<RoundWatchdog>();
        return services;
    }

    /// <summary>
    /// Registers Quartz for the rounds. With SQLite (one replica) the schedule is kept in memory and rebuilt from the
    /// policies at every start. With PostgreSQL it is kept in the same database (tables <c>qrtz_*</c>, created at start
    /// when missing) and the replicas form a cluster: each rollout's rounds run on exactly one replica at a time, and
    /// another takes them over when that one stops or stops checking in. The rollout supervisor starts the scheduler
    /// once it has restored the rollouts, so no round runs before.
    /// </summary>
    public static IServiceCollection AddRolloutScheduling(this IServiceCollection services, IConfiguration configuration, TimeProvider time)
    {
        // Only the two keys that choose the store: the store's options are validated (all of them, listed together) later.
        var store = configuration.GetSection(StoreOptions.SectionName);
        var provider = store[nameof(StoreOptions.Provider)];
        var connectionString = store[nameof(StoreOptions.ConnectionString)] ?? "";
        services.AddQuartz(q =>
        {
            q.UseTimeProvider(time);
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                s.IdleWaitTime = IdleWaitTime;
                // The round job only hands the round over (microseconds), so many can fire at once; on the database each
                // acquisition is round trips and a commit under the cluster lock, so taking many due triggers per
                // acquisition (and those due within the next half second) is what lets thousands of rollouts fire on time.
                s.MaxBatchSize = JobSlots;
                s.BatchTriggerAcquisitionFireAheadTimeWindow = FireAhead;
            });
            q.UseDefaultThreadPool(p => p.MaxConcurrency = JobSlots);
            if (StoreProviders.IsPostgres(provider)) UseClusteredPostgres(q, connectionString);
        });
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AutoStart = false;
        });
        return services;
    }

    private static void UseClusteredPostgres(IQuartzBuilder quartz, string connectionString) =>
        quartz.UsePersistentStore(s =>
        {
            s.UsePostgres(NpgsqlFactory.Instance, connectionString);
            s.ConfigureStore(o =>
            {
                o.TablePrefix = TablePrefix;
                // The job data is the flag key alone: stored as text it stays readable in the table.
                o.StoreJobDataAsStrings = true;
                o.MisfireThreshold = MisfireThreshold;
            });
            s.UseClustering(c =>
            {
                c.CheckinInterval = CheckinInterval;
                c.CheckinMisfireThreshold = CheckinMisfireThreshold;
            });
            s.ProvisionSchema();
        });
}
