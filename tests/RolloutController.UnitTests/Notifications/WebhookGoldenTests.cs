using System.Text.Encodings.Web;
using System.Text.Json;
using RolloutController.Notifications;
using RolloutController.Notifications.Webhook;
using RolloutController.TestUtilities.Golden;
using RolloutController.TestUtilities.Notifications;

namespace RolloutController.UnitTests.Notifications;

/// <summary>The webhook body of each fixture message, against the committed files under <c>Golden/webhook-*.json</c>.</summary>
public sealed class WebhookGoldenTests
{
    public static TheoryData<string> Fixtures => ["rollback", "segment-excluded", "resolved", "advanced", "digest"];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Payload_is_as_committed(string fixture) =>
        GoldenFile.AssertMatches(Indented(WebhookPayload.Serialize(Message(fixture))), $"webhook-{fixture}.json");

    internal static NotificationMessage Message(string fixture) => fixture switch
    {
        "rollback" => NotificationFixtures.Rollback(),
        "segment-excluded" => NotificationFixtures.SegmentExcluded(),
        "resolved" => NotificationFixtures.Resolved(),
        "advanced" => NotificationFixtures.Advanced(),
        "digest" => NotificationFixtures.Digest(),
        _ => throw new ArgumentOutOfRangeException(nameof(fixture), fixture, "no such fixture"),
    };

    // Indented for a readable diff; the sent bytes are the compact form of the same document.
    internal static string Indented(byte[] body) =>
        JsonSerializer.Serialize(JsonDocument.Parse(body).RootElement,
            new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
