using System.Text.Encodings.Web;
using System.Text.Json;
using RolloutController.Notifications.Teams;
using RolloutController.TestUtilities.Golden;

namespace RolloutController.UnitTests.Notifications.Teams;

/// <summary>The Teams body of each fixture message, against the committed files under <c>Golden/teams-*.json</c>.</summary>
public sealed class TeamsGoldenTests
{
    [Theory]
    [MemberData(nameof(WebhookGoldenTests.Fixtures), MemberType = typeof(WebhookGoldenTests))]
    public void Card_is_as_committed(string fixture) =>
        GoldenFile.AssertMatches(Indented(TeamsCard.Build(WebhookGoldenTests.Message(fixture))), $"teams-{fixture}.json");

    private static string Indented(System.Text.Json.Nodes.JsonObject body) =>
        body.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
