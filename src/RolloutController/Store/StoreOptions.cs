namespace RolloutController.Store;

/// <summary>Where rollout state is kept. Bound from the <c>RolloutController:Store</c> configuration section.</summary>
internal sealed class StoreOptions
{
    public const string SectionName = "RolloutController:Store";

    /// <summary>Used for SQLite when no connection string is given: a file next to the working directory.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=rollout-controller.db";

    /// <summary><c>sqlite</c> (default, embedded file) or <c>postgres</c>. Anything else fails validation.</summary>
    public string Provider { get; set; } = StoreProviders.Sqlite;

    /// <summary>
    /// ADO.NET connection string. Optional for SQLite (default <see cref="DefaultSqliteConnectionString"/>;
    /// <c>Default Timeout</c>, in seconds, also sets how long a writer waits for a locked database, default 30);
    /// required for PostgreSQL (Npgsql syntax, e.g. <c>Host=db;Database=rollouts;Username=rollouts;Password=...</c>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How often each replica reads every rollout's stored state and serves it, so that a change another replica made
    /// (a round it ran, a command it took) is served here too. Default 2 seconds; more than 0, at most 10 minutes.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = DefaultRefreshInterval;

    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long measurements and notification attempts are kept; older ones are deleted once an hour. Rollout state and
    /// transitions (the audit trail) are kept forever. Default 90 days; <c>00:00:00</c> keeps everything; at least 1 day.
    /// </summary>
    public TimeSpan Retention { get; set; } = DefaultRetention;

    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(90);

    public static readonly TimeSpan MinRetention = TimeSpan.FromDays(1);

    public static readonly TimeSpan MaxRefreshInterval = TimeSpan.FromMinutes(10);

    /// <summary>The connection string to use: the configured one, or the SQLite default.</summary>
    public string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString) && StoreProviders.IsSqlite(Provider)
            ? DefaultSqliteConnectionString
            : ConnectionString ?? "";
}
