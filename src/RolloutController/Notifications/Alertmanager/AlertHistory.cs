using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.Notifications.Alertmanager;

/// <summary>
/// The notices one Alertmanager channel was given for a flag, read back from the outbox (where each is kept as built),
/// oldest first: what <see cref="AlertTimeline"/> decides from. Stored state, so every replica and every restart sees the
/// same alerts firing.
/// </summary>
internal sealed class AlertHistory(IRolloutStore store)
{
    /// <summary>
    /// Newest deliveries of a flag read back. An incident's opening notice is among them: while a rollout waits for a
    /// person, it raises few notices.
    /// </summary>
    public const int Depth = 500;

    /// <summary>The incident notices of <paramref name="flagKey"/> to <paramref name="route"/>/<paramref name="channel"/>, oldest first.</summary>
    /// <exception cref="StoreException">The store failed.</exception>
    public async Task<IReadOnlyList<NotificationMessage>> LoadAsync(string flagKey, string route, string channel, CancellationToken cancellationToken)
    {
        var deliveries = await store.GetDeliveriesAsync(null, flagKey, Depth, cancellationToken);
        var messages = new List<NotificationMessage>();
        foreach (var delivery in deliveries)
        {
            if (delivery.Channel != channel || !string.Equals(delivery.Route, route, StringComparison.OrdinalIgnoreCase)) continue;
            // A message this build cannot read is the dispatcher's to report (it abandons it); here it opens nothing.
            if (TryRead(delivery.MessageJson) is { Incident: not IncidentAction.None } message) messages.Add(message);
        }
        return messages.OrderBy(m => m.At).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
    }

    private static NotificationMessage? TryRead(string json)
    {
        try { return NotificationMessageJson.Deserialize(json); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
