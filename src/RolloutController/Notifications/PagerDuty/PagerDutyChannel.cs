using System.Text.Json;
using RolloutController.Rollouts;

namespace RolloutController.Notifications.PagerDuty;

/// <summary>
/// PagerDuty Events API v2 (<c>type: pagerduty</c>): a <c>trigger</c> for each notice that opens an incident, a
/// <c>resolve</c> under the same <c>dedup_key</c> for each that closes it (<see cref="IncidentRule"/>); other notices are
/// not sent here. 202 is delivered; 400 is permanent, recorded with PagerDuty's own error text; 429 and 5xx are retried
/// by the outbox. The routing key is a credential: it is sent in the body only, never logged or recorded.
/// </summary>
internal sealed class PagerDutyChannel(HttpClient client, Uri eventsUrl, string routingKey, TimeSpan timeout, TimeProvider timeProvider)
    : INotificationChannel
{
    public const string ChannelType = "pagerduty";

    /// <summary>Where PagerDuty takes events when <c>Url</c> is not set.</summary>
    public static readonly Uri DefaultEventsUrl = new("https://events.pagerduty.com/v2/enqueue");

    public string Type => ChannelType;

    public bool Takes(NotificationMessage message) => PagerDutyEvent.ActionOf(message) is not null;

    public Task<DeliveryResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken) =>
        JsonPost.SendAsync(client, eventsUrl, PagerDutyEvent.Serialize(message, routingKey), _ => { }, timeout, timeProvider,
            cancellationToken, DescribeError);

    /// <summary>PagerDuty's 400 body, <c>{"status","message","errors":[...]}</c>, as one line: "Event object is invalid: ...".</summary>
    public static string DescribeError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return body;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                : [];
            var listed = string.Join("; ", errors);
            return (string.IsNullOrWhiteSpace(message), errors.Count == 0) switch
            {
                (true, true) => body,
                (true, false) => listed,
                (false, true) => message!,
                (false, false) => $"{message}: {listed}",
            };
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
