using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using RolloutController.Engine;
using RolloutController.PolicyFiles;
using RolloutController.Store;
using RolloutController.Telemetry;

namespace RolloutController.Flags.Builtin;

/// <summary>
/// Keeps replicas on PostgreSQL in step at once: holds a <c>LISTEN rollout_controller_changes</c> connection, and for
/// every notification (a rollout's row stored by any replica: migration M0007's triggers; a kill switch stored by any replica; a policy reload on another
/// replica) reads what changed and serves it, which also pushes it to this replica's event-stream clients. The
/// periodic refresh (<see cref="CatalogRefreshService"/>) stays as the safety net: a lost connection is logged, counted,
/// reconnected with backoff, and once back every rollout is read again to cover the gap. Does nothing on SQLite.
/// </summary>
internal sealed class PostgresChangeListener(
    CatalogRefreshService refresher,
    IPolicySource policies,
    ControllerMetrics metrics,
    IOptions<StoreOptions> options,
    TimeProvider time,
    ILogger<PostgresChangeListener> logger,
    PolicyWatcher? watcher = null) : BackgroundService
{
    /// <summary>Application name of the listening connection (visible in <c>pg_stat_activity</c>).</summary>
    public const string ApplicationName = "rollout-controller-listen";

    // A silent connection is probed this often: a dead TCP connection would otherwise wait for notifications forever.
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    private readonly Channel<string> _received = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!StoreProviders.IsPostgres(options.Value.Provider)) return;
        policies.Changed += AnnouncePolicyReload;
        var applying = ApplyAsync(stoppingToken);
        try
        {
            await ListenAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            policies.Changed -= AnnouncePolicyReload;
            _received.Writer.TryComplete();
            await applying;
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        DateTimeOffset? lostAt = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ListenConnectionString());
                connection.Notification += (_, e) => _received.Writer.TryWrite(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {ReplicaSync.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                metrics.SetListening(true);
                retry = FirstRetry;
                if (lostAt is { } since)
                {
                    // Changes stored while nobody listened were never announced to this replica: read everything once.
                    _received.Writer.TryWrite("*");
                    ReplicaSyncLog.Restored(logger, time.GetUtcNow() - since);
                    lostAt = null;
                }
                else
                {
                    ReplicaSyncLog.Listening(logger, ReplicaSync.Channel);
                }
                while (true)
                {
                    if (await connection.WaitAsync(ProbeInterval, stoppingToken)) continue;
                    await using var probe = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = (int)ProbeInterval.TotalSeconds };
                    await probe.ExecuteScalarAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException
                                      && !stoppingToken.IsCancellationRequested)
            {
                metrics.SetListening(false);
                metrics.ReplicaSyncReconnects.Add(1);
                lostAt ??= time.GetUtcNow();
                ReplicaSyncLog.Lost(logger, e, retry, options.Value.RefreshInterval);
                await Task.Delay(retry, time, stoppingToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
            }
        }
    }

    // One reader: takes every notification waiting, and acts once for the lot.
    private async Task ApplyAsync(CancellationToken stoppingToken)
    {
        var reader = _received.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var payloads = new List<string>();
                while (reader.TryRead(out var payload)) payloads.Add(payload);
                metrics.ReplicaSyncNotifications.Add(payloads.Count);
                try
                {
                    var sync = ReplicaSync.Of(payloads);
                    if (sync.Policies) watcher?.TryReloadNow();
                    if (sync.Everything) await refresher.RefreshAsync(stoppingToken);
                    else if (sync.Rollouts.Count > 0) await refresher.RefreshFlagsAsync(sync.Rollouts, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    ReplicaSyncLog.ApplyFailed(logger, e, options.Value.RefreshInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void AnnouncePolicyReload(object? sender, EventArgs e) => _ = AnnounceAsync();

    private async Task AnnounceAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(options.Value.ConnectionString);
            await connection.OpenAsync();
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            notify.Parameters.AddWithValue("channel", ReplicaSync.Channel);
            notify.Parameters.AddWithValue("payload", ReplicaSync.PoliciesPayload);
            await notify.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
        {
            ReplicaSyncLog.AnnounceFailed(logger, e);
        }
    }

    private string ListenConnectionString() =>
        new NpgsqlConnectionStringBuilder(options.Value.ConnectionString) { ApplicationName = ApplicationName, Pooling = false }.ConnectionString;
}
