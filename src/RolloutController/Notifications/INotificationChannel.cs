namespace RolloutController.Notifications;

/// <summary>One place a notification is delivered to (a JSON webhook, a Slack incoming webhook).</summary>
/// <remarks>Implementations never throw for delivery failures: every outcome is returned as a <see cref="DeliveryResult"/>.</remarks>
internal interface INotificationChannel
{
    /// <summary>The configured channel type, e.g. <c>webhook</c> or <c>slack</c>; used as the <c>channel</c> metric tag.</summary>
    string Type { get; }

    /// <summary>
    /// Whether this channel is sent <paramref name="message"/> at all; a message it does not take is not queued for it.
    /// Default: every message. An incident tool takes only notices that open or close an incident.
    /// </summary>
    bool Takes(NotificationMessage message) => true;

    /// <summary>Makes exactly one delivery attempt.</summary>
    Task<DeliveryResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken);
}
