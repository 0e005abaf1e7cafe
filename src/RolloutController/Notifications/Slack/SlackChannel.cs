using System.Text.Json;

namespace RolloutController.Notifications.Slack;

/// <summary>Slack incoming webhook (<c>type: slack</c>). The webhook URL is the credential; it is never logged.</summary>
internal sealed class SlackChannel(HttpClient client, Uri url, TimeSpan timeout, TimeProvider timeProvider) : INotificationChannel
{
    public const string ChannelType = "slack";

    public string Type => ChannelType;

    public Task<DeliveryResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(SlackMessage.Build(message));
        return JsonPost.SendAsync(client, url, body, _ => { }, timeout, timeProvider, cancellationToken);
    }
}
