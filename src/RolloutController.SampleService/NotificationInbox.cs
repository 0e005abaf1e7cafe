using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace RolloutController.SampleService;

/// <summary>
/// A webhook receiver for the demo: checks the controller's HMAC-SHA256 signature over "{timestamp}.{body}" with the
/// shared secret and keeps what arrived, so the demo can show the notification on-call would get.
/// </summary>
internal sealed class NotificationInbox(SampleSettings settings)
{
    private readonly ConcurrentQueue<JsonNode> _received = new();

    public IReadOnlyCollection<JsonNode> Received => _received.ToArray();

    public async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var timestamp = request.Headers["X-RolloutController-Timestamp"].ToString();
        var signature = request.Headers["X-RolloutController-Signature"].ToString();
        var expected = "sha256=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.WebhookSecret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
            return Results.Unauthorized();
        if (JsonNode.Parse(body) is { } json) _received.Enqueue(json);
        return Results.Ok();
    }
}
