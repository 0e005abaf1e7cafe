using System.Text.Encodings.Web;
using System.Text.Json;

namespace RolloutController.Notifications.Teams;

/// <summary>
/// Microsoft Teams (<c>type: teams</c>): POSTs <see cref="TeamsCard"/> to a Workflows webhook (or a classic incoming
/// webhook). The URL carries its signature in the query string, so it is a credential: never logged or recorded.
/// </summary>
internal sealed class TeamsChannel(HttpClient client, Uri url, TimeSpan timeout, TimeProvider timeProvider) : INotificationChannel
{
    public const string ChannelType = "teams";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Type => ChannelType;

    public Task<DeliveryResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(TeamsCard.Build(message), Json);
        return JsonPost.SendAsync(client, url, body, _ => { }, timeout, timeProvider, cancellationToken);
    }
}
