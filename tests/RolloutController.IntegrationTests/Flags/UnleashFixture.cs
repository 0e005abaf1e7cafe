using RolloutController.TestUtilities.Postgres;
using RolloutController.TestUtilities.Unleash;

namespace RolloutController.IntegrationTests.Flags;

/// <summary>One real unleash-server for the collection: it takes a few seconds to start (and its schema to migrate).</summary>
public sealed class UnleashFixture : IAsyncLifetime
{
    private UnleashServer? _server;

    public UnleashServer Server => _server ?? throw new InvalidOperationException("unleash-server is not started");

    public async Task InitializeAsync() => _server = await UnleashServer.StartAsync(await PostgresServer.SharedAsync());

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
