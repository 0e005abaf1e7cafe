using Microsoft.Extensions.Logging;
using RolloutController.Store;
using RolloutController.Telemetry;

namespace RolloutController.Notifications;

/// <summary>
/// Delivers one message to one channel: attempts, backoff between them, and a record of every attempt in the store and
/// the <c>notification_deliveries</c> metric. A concurrency slot is held only while a request is in flight, never while
/// waiting to retry, so a receiver that is down cannot starve the others.
/// </summary>
internal sealed class NotificationDelivery(
    IRolloutStore store,
    ControllerMetrics metrics,
    TimeProvider timeProvider,
    SemaphoreSlim concurrency,
    RetrySchedule schedule,
    Func<double> jitter,
    ILogger logger)
{
    public async Task DeliverAsync(NotificationMessage message, RoutedChannel target, CancellationToken cancellationToken)
    {
        var attempt = 0;
        try
        {
            while (true)
            {
                attempt++;
                var result = await AttemptAsync(message, target, cancellationToken);
                var outcome = result.Status switch
                {
                    DeliveryStatus.Delivered => DeliveryOutcome.Delivered,
                    DeliveryStatus.Retryable when schedule.HasAttemptAfter(attempt) => DeliveryOutcome.Failed,
                    _ => DeliveryOutcome.Abandoned,
                };
                await RecordAsync(message, target.Route, target.Label, target.Channel.Type, attempt, outcome, result.StatusCode, result.Error);
                switch (outcome)
                {
                    case DeliveryOutcome.Delivered:
                        NotificationLog.Delivered(logger, message.Id, message.Kind.ToString(), message.FlagKey, target.Route, target.Label, attempt);
                        return;
                    case DeliveryOutcome.Abandoned:
                        NotificationLog.Abandoned(logger, message.Id, message.Kind.ToString(), message.FlagKey, target.Route, target.Label, attempt, result.Error);
                        return;
                }
                var delay = schedule.DelayAfter(attempt, jitter(), result.RetryAfter);
                NotificationLog.Retrying(logger, message.Id, target.Route, target.Label, attempt, result.Error, delay);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            NotificationLog.StoppedAtShutdown(logger, message.Id, target.Route, target.Label, attempt);
        }
    }

    /// <summary>Records the attempt that cannot be made because the policy names a route that is not configured.</summary>
    public Task RecordUnknownRouteAsync(NotificationMessage message, string policyName, string route)
    {
        NotificationLog.UnknownRoute(logger, policyName, route, message.Id, message.FlagKey);
        return RecordAsync(message, route, "none", "none", 1, DeliveryOutcome.Abandoned, null,
            $"route '{route}' is not configured under {NotificationOptions.SectionName}:Routes");
    }

    private async Task<DeliveryResult> AttemptAsync(NotificationMessage message, RoutedChannel target, CancellationToken cancellationToken)
    {
        await concurrency.WaitAsync(cancellationToken);
        try
        {
            return await target.Channel.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Channels return failures as data; anything thrown is a bug there, still worth a retry rather than a lost notice.
            NotificationLog.ChannelThrew(logger, e, target.Route, target.Label);
            return DeliveryResult.Unreachable($"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            concurrency.Release();
        }
    }

    private async Task RecordAsync(
        NotificationMessage message, string route, string label, string channelType, int attempt, string outcome, int? statusCode, string? error)
    {
        metrics.NotificationDeliveries.Add(1,
            new KeyValuePair<string, object?>("channel", channelType),
            new KeyValuePair<string, object?>("route", route),
            new KeyValuePair<string, object?>("outcome", outcome));
        var record = new NotificationAttempt(
            message.Id, message.FlagKey, NotificationFormat.Snake(message.Kind), route, label, attempt, outcome, statusCode, error,
            timeProvider.GetUtcNow());
        try
        {
            // Not tied to shutdown: an attempt that was made is recorded even while the host stops.
            await store.RecordNotificationAttemptAsync(record, CancellationToken.None);
        }
        catch (Exception e)
        {
            NotificationLog.RecordFailed(logger, e, message.Id, route, label, attempt);
        }
    }
}
