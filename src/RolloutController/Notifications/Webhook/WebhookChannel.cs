using System.Globalization;

namespace RolloutController.Notifications.Webhook;

/// <summary>Generic JSON webhook (<c>type: webhook</c>): POSTs <see cref="WebhookPayload"/>, signed with the route's secret.</summary>
internal sealed class WebhookChannel(HttpClient client, Uri url, string secret, TimeSpan timeout, TimeProvider timeProvider)
    : INotificationChannel
{
    public const string ChannelType = "webhook";

    public string Type => ChannelType;

    public Task<DeliveryResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var body = WebhookPayload.Serialize(message);
        // Signed at send time, so each retry carries a fresh timestamp that receivers can check against a short window.
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var signature = WebhookSignature.Compute(secret, timestamp, body);
        return JsonPost.SendAsync(client, url, body, headers =>
        {
            headers.Add(WebhookSignature.SignatureHeader, signature);
            headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            headers.Add(WebhookSignature.DeliveryHeader, message.Id);
        }, timeout, timeProvider, cancellationToken);
    }
}
