using System.Text;
using Npgsql;

namespace RolloutController.TestUtilities.Postgres;

/// <summary>
/// A PostgreSQL server for tests, shared by the whole test run (<see cref="SharedAsync"/>). Uses the server named by
/// the <c>ROLLOUT_TEST_POSTGRES</c> connection string when set; otherwise starts a private cluster (initdb into a
/// temporary directory, 127.0.0.1 on a free port, fsync off) that stops when disposed, when the test process exits,
/// or, should the process die, within a second through a watchdog. Tests isolate themselves with
/// <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "ROLLOUT_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartSharedAsync);

    private readonly PostgresCluster? _cluster;
    private readonly NpgsqlDataSource _admin;

    private PostgresServer(string adminConnectionString, PostgresCluster? cluster)
    {
        AdminConnectionString = adminConnectionString;
        _cluster = cluster;
        _admin = NpgsqlDataSource.Create(adminConnectionString);
    }

    /// <summary>Connection string of the maintenance database, as a superuser (or the user of <c>ROLLOUT_TEST_POSTGRES</c>).</summary>
    public string AdminConnectionString { get; }

    /// <summary>The server of this test run, started on first use.</summary>
    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    /// <summary>Starts a private server; the caller disposes it.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external)) return new PostgresServer(external, cluster: null);
        var cluster = await PostgresCluster.StartAsync();
        return new PostgresServer(cluster.ConnectionString, cluster);
    }

    /// <summary>Creates an empty database with a unique name and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = DatabaseName(purpose);
        await using (var command = _admin.CreateCommand($"CREATE DATABASE \"{name}\""))
            await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever still uses it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var command = _admin.CreateCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _admin.DisposeAsync();
        _cluster?.Dispose();
    }

    private static async Task<PostgresServer> StartSharedAsync()
    {
        var server = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }

    private static string DatabaseName(string purpose)
    {
        var cleaned = new StringBuilder();
        foreach (var c in purpose.ToLowerInvariant())
            if (char.IsAsciiLetterOrDigit(c) || c == '_') cleaned.Append(c);
        // PostgreSQL identifiers are at most 63 bytes.
        var prefix = cleaned.Length > 24 ? cleaned.ToString(0, 24) : cleaned.ToString();
        return $"t_{prefix}_{Guid.NewGuid().ToString("N")[..16]}";
    }
}
