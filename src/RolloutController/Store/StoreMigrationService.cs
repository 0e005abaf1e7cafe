using Microsoft.Extensions.Hosting;

namespace RolloutController.Store;

/// <summary>Migrates the store's schema when the host starts, before the services registered after it start.</summary>
internal sealed class StoreMigrationService(IRolloutStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
