using System.Text.Encodings.Web;
using System.Text.Json;
using RolloutController.Notifications.Slack;
using RolloutController.TestUtilities.Golden;

namespace RolloutController.UnitTests.Notifications;

/// <summary>The Slack body of each fixture message, against the committed files under <c>Golden/slack-*.json</c>.</summary>
public sealed class SlackGoldenTests
{
    [Theory]
    [MemberData(nameof(WebhookGoldenTests.Fixtures), MemberType = typeof(WebhookGoldenTests))]
    public void Blocks_are_as_committed(string fixture) =>
        GoldenFile.AssertMatches(
            SlackMessage.Build(WebhookGoldenTests.Message(fixture))
                .ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            $"slack-{fixture}.json");
}
