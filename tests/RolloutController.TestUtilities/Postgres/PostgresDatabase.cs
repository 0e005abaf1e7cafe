using Xunit;

namespace RolloutController.TestUtilities.Postgres;

/// <summary>
/// An empty database of its own on the shared <see cref="PostgresServer"/>, dropped when disposed.
/// Use as an xunit class fixture (one database per test class) or create one per test with <see cref="CreateAsync"/>.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime, IAsyncDisposable
{
    private PostgresServer? _server;
    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("the database is not created yet");

    public static async Task<PostgresDatabase> CreateAsync(string purpose)
    {
        var database = new PostgresDatabase();
        await database.CreateCoreAsync(purpose);
        return database;
    }

    public Task InitializeAsync() => CreateCoreAsync("class");

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_server is null || _connectionString is null) return;
        await _server.DropDatabaseAsync(_connectionString);
        _connectionString = null;
    }

    private async Task CreateCoreAsync(string purpose)
    {
        _server = await PostgresServer.SharedAsync();
        _connectionString = await _server.CreateDatabaseAsync(purpose);
    }
}
