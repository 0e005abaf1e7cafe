using Microsoft.Extensions.Options;
using RolloutController.Hosting;
using RolloutController.Metrics;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.Notifications;

/// <summary>
/// Turns a notice into its outbox deliveries: the message (built once, with its stable id) to every channel of every
/// route it goes to — those the policy names and those its owner has for its severity (<see cref="NoticeRouting"/>). A
/// route that is not configured becomes a delivery to no channel, which the dispatcher abandons at its first attempt
/// with the reason, so it is visible and counted like any other failure. A channel that does not take
/// the message (<see cref="INotificationChannel.Takes"/>: an incident tool and a notice that neither opens nor closes an
/// incident) gets no delivery. On a route with a digest period, an info advance is stored held until the period's digest
/// (<see cref="DigestRule"/>, <see cref="DigestAssembler"/>).
/// </summary>
internal sealed class OutboxPlanner(
    IOptions<NotificationOptions> options, IOptions<ControllerOptions> controller, NotificationRoutes routes, IQueryLinks links, TimeProvider time)
{
    private readonly OwnerRouting _ownerRouting = options.Value.OwnerRouting();

    private readonly NoticeLinks _pages = new(
        controller.Value.ExternalUrl is { } url ? new Uri(url, UriKind.Absolute) : null, options.Value.DashboardUrl);

    /// <summary>The channel label of the placeholder delivery for a route that is not configured.</summary>
    public const string NoChannel = "none";

    public IReadOnlyList<OutboxDelivery> Plan(RolloutNotice notice, RolloutPolicy policy)
    {
        var now = time.GetUtcNow();
        var message = NotificationMessageBuilder.Build(notice, policy, links, _pages, Guid.CreateVersion7(now).ToString("N"), now);
        return Plan(message, NoticeRouting.RoutesFor(notice.Severity, policy.Metadata.Owner, policy.Notify, _ownerRouting, message.Incident));
    }

    /// <summary>
    /// A notice about a flag as a whole (the kill switch), for flags with or without a policy: to the routes its owner has
    /// for the notice's severity, and to <paramref name="notify"/> (the policy's, when one drives the flag).
    /// </summary>
    public IReadOnlyList<OutboxDelivery> Plan(RolloutNotice notice, PolicyMetadata flag, int stageCount, IReadOnlyList<string> notify)
    {
        var now = time.GetUtcNow();
        var message = NotificationMessageBuilder.Build(notice, flag, stageCount, _pages, Guid.CreateVersion7(now).ToString("N"), now);
        return Plan(message, NoticeRouting.RoutesFor(notice.Severity, flag.Owner, notify, _ownerRouting, message.Incident));
    }

    public IReadOnlyList<OutboxDelivery> Plan(NotificationMessage message, IEnumerable<string> routeNames)
    {
        var json = NotificationMessageJson.Serialize(message);
        var deliveries = new List<OutboxDelivery>();
        foreach (var route in routeNames.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!routes.TryResolve(route, out var channels))
            {
                // Pending like any other: the dispatcher records its abandonment as an attempt, with the reason.
                deliveries.Add(Delivery(message, json, route, NoChannel));
                continue;
            }
            var period = options.Value.Digests.TryGetValue(route, out var p) ? p : (TimeSpan?)null;
            var held = DigestRule.Holds(message.Kind, message.Severity, period);
            deliveries.AddRange(channels.Where(c => c.Channel.Takes(message)).Select(c => held
                ? Delivery(message, json, route, c.Label) with { Status = OutboxStatus.Held, NextAttemptAt = DigestRule.DueAt(message.At, period!.Value) }
                : Delivery(message, json, route, c.Label)));
        }
        return deliveries;
    }

    private OutboxDelivery Delivery(NotificationMessage message, string json, string route, string channel) =>
        new(message.Id, route, channel, message.FlagKey, NotificationFormat.Snake(message.Kind), message.Severity.ToString().ToLowerInvariant(),
            json, OutboxStatus.Pending, 0, options.Value.MaxAttempts, message.At, null, message.At, message.At);
}
