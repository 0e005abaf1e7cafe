using System.Text.Encodings.Web;
using System.Text.Json;
using RolloutController.Notifications.PagerDuty;
using RolloutController.TestUtilities.Golden;

namespace RolloutController.UnitTests.Notifications;

/// <summary>The Events API v2 body of the trigger and the resolve, against <c>Golden/pagerduty-*.json</c>.</summary>
public sealed class PagerDutyGoldenTests
{
    [Theory]
    [InlineData("rollback")]
    [InlineData("resolved")]
    public void Event_is_as_committed(string fixture) =>
        GoldenFile.AssertMatches(
            JsonSerializer.Serialize(
                JsonDocument.Parse(PagerDutyEvent.Serialize(WebhookGoldenTests.Message(fixture), PagerDutyEventTests.RoutingKey)).RootElement,
                new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            $"pagerduty-{fixture}.json");
}
