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

    /// <summary>
    /// The local file where safety moves (rollback, abort, pause, exclude) wait while the store cannot take them: they are
    /// served at once and stored from here when it can. Must be on local disk that outlives a restart of the process
    /// (a volume in Kubernetes). Default: next to the SQLite database (<c>&lt;file&gt;.journal</c>); with PostgreSQL,
    /// <c>rollout-controller.journal</c> in the working directory.
    /// </summary>
    public string? JournalPath { get; set; }

    /// <summary>The journal file to use: the configured one, or the default beside the database.</summary>
    public string EffectiveJournalPath
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(JournalPath)) return JournalPath;
            if (StoreProviders.IsSqlite(Provider))
            {
                var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(EffectiveConnectionString).DataSource;
                // An in-memory database has no file to sit next to, and nothing survives the process anyway.
                if (source.Length > 0 && source != ":memory:" && !source.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
                    return source + ".journal";
                return Path.Combine(Path.GetTempPath(), $"rollout-controller-{Environment.ProcessId}.journal");
            }
            return "rollout-controller.journal";
        }
    }

    /// <summary>The connection string to use: the configured one, or the SQLite default.</summary>
    public string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString) && StoreProviders.IsSqlite(Provider)
            ? DefaultSqliteConnectionString
            : ConnectionString ?? "";
}
