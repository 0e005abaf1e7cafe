using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.Notifications.Alertmanager;

/// <summary>
/// Alertmanager (<c>type: alertmanager</c>): posts alerts to <c>{Url}/api/v2/alerts</c>. A notice that opens an incident
/// fires an alert, one that closes it ends every alert of the incident (<see cref="AlertTimeline"/>, from
/// <see cref="AlertHistory"/>); <see cref="AlertmanagerReposter"/> re-posts the firing ones while the incident lasts.
/// </summary>
internal sealed class AlertmanagerChannel(
    HttpClient client,
    Uri url,
    TimeSpan timeout,
    TimeSpan repostInterval,
    string route,
    string label,
    AlertHistory history,
    TimeProvider timeProvider) : INotificationChannel
{
    public const string ChannelType = "alertmanager";

    private readonly Uri _alertsUrl = new(new Uri(url.ToString().TrimEnd('/') + "/"), "api/v2/alerts");

    public string Type => ChannelType;

    public bool Takes(NotificationMessage message) => AlertTimeline.Takes(message);

    public async Task<DeliveryResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        IReadOnlyList<NotificationMessage> known = [];
        if (message.Incident != IncidentAction.None)
        {
            try
            {
                known = await history.LoadAsync(message.FlagKey, route, label, cancellationToken);
            }
            catch (StoreException e)
            {
                // Which alerts to end, and whether this one already ended, is in the store: try again once it answers.
                return DeliveryResult.Unreachable($"cannot read the incident's alerts from the store: {e.Message}");
            }
        }
        var now = timeProvider.GetUtcNow();
        IReadOnlyList<AlertmanagerAlert> alerts = message.Incident switch
        {
            IncidentAction.Resolve => [.. AlertTimeline.EndedBy(message, known).Select(t => Alert(t, message.At, now))],
            // A late delivery of an alert whose incident is already over posts it as ended, never as firing again.
            IncidentAction.Trigger => [Alert(message, AlertTimeline.EndOf(message, known), now)],
            _ => [Alert(message, null, now)],
        };
        return await PostAsync(alerts, cancellationToken);
    }

    /// <summary>The alert of <paramref name="message"/>, ended at <paramref name="endsAt"/> or firing.</summary>
    public AlertmanagerAlert Alert(NotificationMessage message, DateTimeOffset? endsAt, DateTimeOffset now) =>
        AlertmanagerPayload.Alert(message, endsAt, now, repostInterval);

    /// <summary>One POST of <paramref name="alerts"/> (an empty list too: Alertmanager accepts it, and it shows it is reachable).</summary>
    public Task<DeliveryResult> PostAsync(IReadOnlyList<AlertmanagerAlert> alerts, CancellationToken cancellationToken) =>
        JsonPost.SendAsync(client, _alertsUrl, AlertmanagerPayload.Serialize(alerts), _ => { }, timeout, timeProvider, cancellationToken);
}
