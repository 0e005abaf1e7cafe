using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Store;
using RolloutController.Telemetry;
using RolloutController.Engine;

namespace RolloutController.Notifications;

/// <summary>
/// Delivers the outbox: claims due deliveries (a lease, so one replica sends each at a time), makes one attempt each,
/// and records the attempt and the delivery's new state together. A failed attempt is due again after its backoff
/// (<see cref="RetrySchedule"/>); one that exhausts its attempts is abandoned, kept, listed and re-sendable. Notices are
/// stored with the transition that raised them, so a crash between the two loses nothing: whichever replica is alive
/// sends them, after a restart too. Delivery is at least once; receivers de-duplicate on the notification id.
/// </summary>
internal sealed class NotificationDispatcher : BackgroundService, INoticePublisher
{
    /// <summary>How often the outbox is polled when nothing signals new deliveries (retries fall due, other replicas' notices).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private const int ClaimBatch = 32;

    private readonly IRolloutStore _store;
    private readonly OutboxPlanner _planner;
    private readonly NotificationRoutes _routes;
    private readonly ControllerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<NotificationDispatcher> _logger;
    private readonly NotificationOptions _options;
    private readonly RetrySchedule _schedule;
    private readonly SemaphoreSlim _concurrency;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly bool _ownsStore;

    // The earliest retry this replica scheduled, so it comes back for it on time rather than at the next poll.
    private long _nextDueTicks = long.MaxValue;

    public NotificationDispatcher(
        IOptions<NotificationOptions> options,
        IOptions<StoreOptions> storeOptions,
        OutboxPlanner planner,
        NotificationRoutes routes,
        IRolloutStore store,
        ControllerMetrics metrics,
        TimeProvider timeProvider,
        ILogger<NotificationDispatcher> logger)
    {
        _options = options.Value;
        _store = store;
        _planner = planner;
        _routes = routes;
        _metrics = metrics;
        _time = timeProvider;
        _logger = logger;
        _schedule = RetrySchedule.From(_options);
        _concurrency = new SemaphoreSlim(_options.MaxConcurrentDeliveries);
        // SQLite is locked to one process: claims left by an earlier run of it can be released at once.
        _ownsStore = !StoreProviders.IsPostgres(storeOptions.Value.Provider);
    }

    /// <summary>Who holds this replica's claims: unique per process run.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}"[..^24];

    public IReadOnlyList<OutboxDelivery> Prepare(RolloutNotice notice, RolloutPolicy policy)
    {
        var deliveries = _planner.Plan(notice, policy);
        foreach (var unknown in deliveries.Where(d => d.Channel == OutboxPlanner.NoChannel))
            NotificationLog.UnknownRoute(_logger, policy.Metadata.Name, unknown.Route, unknown.NotificationId, unknown.FlagKey);
        return deliveries;
    }

    public void Stored()
    {
        if (_wake.CurrentCount == 0)
        {
            try { _wake.Release(); } catch (SemaphoreFullException) { }
        }
    }

    /// <summary>Stores a notice that no transition raised in the outbox, and sends it.</summary>
    /// <exception cref="StoreException">The store failed; the notice is not stored.</exception>
    public async Task EnqueueAsync(RolloutNotice notice, RolloutPolicy policy, CancellationToken cancellationToken)
    {
        await _store.AddToOutboxAsync(Prepare(notice, policy), cancellationToken);
        Stored();
    }

    public async Task<IReadOnlyList<OutboxDelivery>> DeliverNowAsync(IReadOnlyList<OutboxDelivery> deliveries) =>
        await Task.WhenAll(deliveries.Select(async d => d.Status == OutboxStatus.Pending ? (await AttemptAsync(d, CancellationToken.None)).Delivery : d));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (_ownsStore) await ReleaseEarlierClaimsAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var claimed = await ClaimAsync(stoppingToken);
                if (claimed.Count > 0)
                    await Task.WhenAll(claimed.Select(d => DeliverAsync(d, stoppingToken)));
                // A full batch suggests more are due: go on at once.
                if (claimed.Count < ClaimBatch) await WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Deliveries in flight stop; their claims lapse (or are released at the next start) and they are sent again.
        }
    }

    private async Task ReleaseEarlierClaimsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _store.ReleaseClaimsAsync(cancellationToken);
        }
        catch (StoreException e)
        {
            NotificationLog.OutboxFailed(_logger, e, PollInterval);
        }
    }

    private async Task<IReadOnlyList<OutboxDelivery>> ClaimAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _store.ClaimDueAsync(Owner, _time.GetUtcNow(), _options.DeliveryLease, ClaimBatch, cancellationToken);
        }
        catch (StoreException e)
        {
            NotificationLog.OutboxFailed(_logger, e, PollInterval);
            return [];
        }
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var nextDue = Interlocked.Exchange(ref _nextDueTicks, long.MaxValue);
        var wait = nextDue == long.MaxValue ? PollInterval : TimeSpan.FromTicks(Math.Clamp(nextDue - now.UtcTicks, 0, PollInterval.Ticks));
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _wake.WaitAsync(both.Token);
        await Task.WhenAny(woken, Task.Delay(wait, _time, both.Token));
        await both.CancelAsync();
        try { await woken; } catch (OperationCanceledException) { }
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task DeliverAsync(OutboxDelivery claimed, CancellationToken cancellationToken)
    {
        var (done, result) = await AttemptAsync(claimed, cancellationToken);
        var attempt = new NotificationAttempt(done.NotificationId, done.FlagKey, done.Kind, done.Route, done.Channel, done.Attempts,
            OutcomeOf(done), result.StatusCode, result.Error, done.UpdatedAt);
        try
        {
            // Not tied to shutdown: an attempt that was made is recorded even while the host stops.
            if (!await _store.CompleteDeliveryAsync(done, attempt, Owner, CancellationToken.None))
                NotificationLog.ClaimLost(_logger, done.NotificationId, done.Route, done.Channel);
        }
        catch (StoreException e)
        {
            // The claim lapses and the delivery is made again: at least once, never lost.
            NotificationLog.RecordFailed(_logger, e, done.NotificationId, done.Route, done.Channel, done.Attempts);
        }
    }

    /// <summary>One attempt; returns the delivery as it stands after it (never throws but for cancellation).</summary>
    private async Task<(OutboxDelivery Delivery, DeliveryResult Result)> AttemptAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var attempt = delivery.Attempts + 1;
        var (result, channelType) = await SendAsync(delivery, cancellationToken);
        var now = _time.GetUtcNow();
        var (status, outcome) = result.Status switch
        {
            DeliveryStatus.Delivered => (OutboxStatus.Delivered, DeliveryOutcome.Delivered),
            DeliveryStatus.Retryable when attempt < delivery.AttemptsAllowed => (OutboxStatus.Pending, DeliveryOutcome.Failed),
            _ => (OutboxStatus.Abandoned, DeliveryOutcome.Abandoned),
        };
        _metrics.NotificationDeliveries.Add(1,
            new KeyValuePair<string, object?>("channel", channelType),
            new KeyValuePair<string, object?>("route", delivery.Route),
            new KeyValuePair<string, object?>("outcome", outcome));
        var next = now;
        switch (status)
        {
            case OutboxStatus.Delivered:
                NotificationLog.Delivered(_logger, delivery.NotificationId, delivery.Kind, delivery.FlagKey, delivery.Route, delivery.Channel, attempt);
                break;
            case OutboxStatus.Abandoned:
                NotificationLog.Abandoned(_logger, delivery.NotificationId, delivery.Kind, delivery.FlagKey, delivery.Route, delivery.Channel, attempt, result.Error);
                break;
            default:
                var delay = _schedule.DelayAfter(attempt, Random.Shared.NextDouble(), result.RetryAfter);
                next = now + delay;
                long seen;
                while ((seen = Interlocked.Read(ref _nextDueTicks)) > next.UtcTicks
                       && Interlocked.CompareExchange(ref _nextDueTicks, next.UtcTicks, seen) != seen) { }
                NotificationLog.Retrying(_logger, delivery.NotificationId, delivery.Route, delivery.Channel, attempt, result.Error, delay);
                break;
        }
        return (delivery with { Status = status, Attempts = attempt, NextAttemptAt = next, UpdatedAt = now, LastError = result.Error }, result);
    }

    private async Task<(DeliveryResult Result, string ChannelType)> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        if (!_routes.TryResolve(delivery.Route, out _))
            return (new DeliveryResult(DeliveryStatus.Permanent, null,
                $"route '{delivery.Route}' is not configured under {NotificationOptions.SectionName}:Routes"), "none");
        if (_routes.Find(delivery.Route, delivery.Channel) is not { } target)
            return (new DeliveryResult(DeliveryStatus.Permanent, null,
                $"route '{delivery.Route}' has no channel {delivery.Channel} any more (configuration changed)"), "none");
        NotificationMessage message;
        try
        {
            message = NotificationMessageJson.Deserialize(delivery.MessageJson);
        }
        catch (System.Text.Json.JsonException e)
        {
            return (new DeliveryResult(DeliveryStatus.Permanent, null, $"stored message unreadable: {e.Message}"), target.Channel.Type);
        }
        await _concurrency.WaitAsync(cancellationToken);
        try
        {
            return (await target.Channel.SendAsync(message, cancellationToken), target.Channel.Type);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Channels return failures as data; anything thrown is a bug there, still worth a retry rather than a lost notice.
            NotificationLog.ChannelThrew(_logger, e, delivery.Route, delivery.Channel);
            return (DeliveryResult.Unreachable($"{e.GetType().Name}: {e.Message}"), target.Channel.Type);
        }
        finally
        {
            _concurrency.Release();
        }
    }

    private static string OutcomeOf(OutboxDelivery d) => d.Status switch
    {
        OutboxStatus.Delivered => DeliveryOutcome.Delivered,
        OutboxStatus.Pending => DeliveryOutcome.Failed,
        _ => DeliveryOutcome.Abandoned,
    };
}
