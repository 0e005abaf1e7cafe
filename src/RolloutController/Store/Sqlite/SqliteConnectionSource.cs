using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace RolloutController.Store.Sqlite;

/// <summary>
/// Opens SQLite connections ready for concurrent use: WAL journal (readers never block the writer), a busy timeout
/// equal to the connection string's <c>Default Timeout</c> (so a second writer waits rather than failing at once)
/// and foreign keys on.
/// </summary>
internal sealed class SqliteConnectionSource(string connectionString) : DbDataSource
{
    private readonly int _busyTimeoutMs = new SqliteConnectionStringBuilder(connectionString).DefaultTimeout * 1000;
    private int _walEnabled;

    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new SqliteConnection(connectionString);

    protected override DbConnection OpenDbConnection()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = PragmasSql();
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = PragmasSql();
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // journal_mode is stored in the database file, so it is set on the first connection only; the other
    // pragmas belong to each connection.
    private string PragmasSql()
    {
        var pragmas = $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA foreign_keys = ON;";
        return Interlocked.Exchange(ref _walEnabled, 1) == 0 ? pragmas + " PRAGMA journal_mode = WAL;" : pragmas;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            using var connection = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(connection);
        }

        base.Dispose(disposing);
    }
}
