using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Store;
using RolloutController.Telemetry;

namespace RolloutController.Notifications;

/// <summary>
/// Accepts notices from the rollout worker without ever making it wait, and delivers them in the background to every
/// channel of every route the policy names, each channel independently (see <see cref="NotificationDelivery"/>).
/// </summary>
internal sealed class NotificationDispatcher : BackgroundService, INoticePublisher
{
    private readonly Channel<QueuedNotification> _queue;
    private readonly NotificationRoutes _routes;
    private readonly ControllerMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<NotificationDispatcher> _logger;
    private readonly NotificationDelivery _delivery;
    private readonly Uri _prometheusUrl;
    private readonly int _capacity;
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private long _dropped;

    public NotificationDispatcher(
        IOptions<NotificationOptions> options,
        NotificationRoutes routes,
        IRolloutStore store,
        ControllerMetrics metrics,
        TimeProvider timeProvider,
        ILogger<NotificationDispatcher> logger)
    {
        var o = options.Value;
        _capacity = o.QueueCapacity;
        _queue = Channel.CreateBounded<QueuedNotification>(new BoundedChannelOptions(o.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: refuses instead of waiting, so the caller learns it was full
            SingleReader = true,
        });
        _routes = routes;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        _prometheusUrl = o.PrometheusUri;
        _delivery = new NotificationDelivery(
            store, metrics, timeProvider, new SemaphoreSlim(o.MaxConcurrentDeliveries), RetrySchedule.From(o), Random.Shared.NextDouble, logger);
    }

    /// <summary>Notices refused because the queue was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Queues the notice and returns at once. Never blocks and never throws for a full queue: the notice is then dropped,
    /// logged and counted (<c>notification_deliveries{outcome="dropped"}</c>). The message, its id and timestamp are fixed here.
    /// </summary>
    void INoticePublisher.Publish(RolloutNotice notice, RolloutPolicy policy) => Enqueue(notice, policy);

    public void Enqueue(RolloutNotice notice, RolloutPolicy policy)
    {
        var now = _timeProvider.GetUtcNow();
        var message = NotificationMessageBuilder.Build(notice, policy, _prometheusUrl, Guid.CreateVersion7(now).ToString("N"), now);
        if (_queue.Writer.TryWrite(new QueuedNotification(message, policy))) return;

        Interlocked.Increment(ref _dropped);
        foreach (var route in policy.Notify)
        {
            _metrics.NotificationDeliveries.Add(1,
                new KeyValuePair<string, object?>("channel", "none"),
                new KeyValuePair<string, object?>("route", route),
                new KeyValuePair<string, object?>("outcome", DeliveryOutcome.Dropped));
        }
        NotificationLog.QueueFull(_logger, _capacity, notice.Kind.ToString(), notice.FlagKey, string.Join(", ", policy.Notify));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var queued in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                foreach (var route in queued.Policy.Notify.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    if (!_routes.TryResolve(route, out var channels))
                    {
                        Track(_delivery.RecordUnknownRouteAsync(queued.Message, queued.Policy.Metadata.Name, route));
                        continue;
                    }
                    foreach (var channel in channels) Track(_delivery.DeliverAsync(queued.Message, channel, stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: deliveries observe the same token and end promptly.
        }
        await Task.WhenAll(_inFlight.Keys);
    }

    private void Track(Task delivery)
    {
        _inFlight.TryAdd(delivery, 0);
        delivery.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
