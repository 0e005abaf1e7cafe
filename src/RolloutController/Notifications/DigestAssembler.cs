using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.Notifications;

/// <summary>
/// Makes the digests that are due: claims the notices held for a digest whose period has ended (a lease, so one replica
/// makes each), stores one digest per route, channel and period as an ordinary pending delivery (then sent, retried and
/// recorded like any notice), and marks the held notices as digested. Everything is in the outbox, so a restart, or
/// another replica, picks up where this one stopped; a crash between the two steps makes the same digest again under the
/// same id, which the outbox keeps once.
/// </summary>
internal sealed class DigestAssembler(
    IRolloutStore store,
    NotificationDispatcher dispatcher,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<DigestAssembler> logger) : BackgroundService
{
    /// <summary>How often held notices are looked at; a digest goes out within this of its due time.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Makes every digest due now; returns how many digest deliveries were stored.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var held = await store.ClaimHeldAsync(dispatcher.Owner, now, options.Value.DeliveryLease, cancellationToken);
        if (held.Count == 0) return 0;

        var digests = new List<OutboxDelivery>();
        var done = new List<(OutboxDelivery Delivery, NotificationAttempt Attempt)>();
        foreach (var group in held.GroupBy(d => (Route: d.Route.ToLowerInvariant(), d.Channel, d.NextAttemptAt)))
        {
            var members = new List<(OutboxDelivery Delivery, NotificationMessage Message)>();
            foreach (var delivery in group)
            {
                try
                {
                    members.Add((delivery, NotificationMessageJson.Deserialize(delivery.MessageJson)));
                }
                catch (System.Text.Json.JsonException e)
                {
                    DigestLog.Unreadable(logger, delivery.NotificationId, delivery.Route, delivery.Channel, e.Message);
                    done.Add(Finish(delivery, OutboxStatus.Abandoned, DeliveryOutcome.Abandoned, $"stored message unreadable: {e.Message}", now));
                }
            }
            if (members.Count == 0) continue;

            var route = members[0].Delivery.Route;
            var periodEnd = group.Key.NextAttemptAt - DigestRule.Grace;
            var periodStart = options.Value.Digests.TryGetValue(route, out var period)
                ? periodEnd - period
                : members.Min(m => m.Message.At);
            var id = DigestRule.Id(route, periodStart, members.Select(m => m.Delivery.NotificationId));
            var digest = DigestBuilder.Build(id, route, periodStart, periodEnd, members.Select(m => m.Message).ToList(), now);
            digests.Add(new OutboxDelivery(id, route, group.Key.Channel, digest.FlagKey, NotificationFormat.Snake(NoticeKind.Digest), "info",
                NotificationMessageJson.Serialize(digest), OutboxStatus.Pending, 0, options.Value.MaxAttempts, now, null, now, now));
            done.AddRange(members.Select(m => Finish(m.Delivery, OutboxStatus.Digested, DeliveryOutcome.Digested, null, now)));
            DigestLog.Made(logger, id, route, group.Key.Channel, members.Count, periodStart, periodEnd);
        }

        // The digests first: should the marking fail, the held notices are claimed again after the lease and make the
        // same digests, which the outbox stores once.
        await store.AddToOutboxAsync(digests, cancellationToken);
        foreach (var (delivery, attempt) in done)
            await store.CompleteDeliveryAsync(delivery, attempt, dispatcher.Owner, cancellationToken);
        dispatcher.Stored();
        return digests.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (StoreException e)
                {
                    DigestLog.Failed(logger, e, PollInterval);
                }
                await Task.Delay(PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Claims lapse; the next start (or another replica) makes the digests.
        }
    }

    private static (OutboxDelivery, NotificationAttempt) Finish(OutboxDelivery d, string status, string outcome, string? error, DateTimeOffset now) =>
        (d with { Status = status, UpdatedAt = now, LastError = error },
         new NotificationAttempt(d.NotificationId, d.FlagKey, d.Kind, d.Route, d.Channel, d.Attempts + 1, outcome, null, error, now));
}
