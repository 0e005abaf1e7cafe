using RolloutController.Notifications;
using RolloutController.Notifications.Alertmanager;
using RolloutController.TestUtilities.Golden;
using RolloutController.TestUtilities.Notifications;

namespace RolloutController.UnitTests.Notifications.Alertmanager;

/// <summary>
/// What the Alertmanager channel posts for each fixture message, against the committed files under
/// <c>Golden/alertmanager-*.json</c>: the rollback fires, the restart after it ends the rollback's alert, the segment
/// exclusion is a one-off alert. Posted one second after the notice, with the default re-post period.
/// </summary>
public sealed class AlertmanagerGoldenTests
{
    // An advance is no alert (AlertTimeline.Takes): there is no file for it.
    public static TheoryData<string> Fixtures => ["rollback", "segment-excluded", "resolved"];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Body_is_as_committed(string fixture) =>
        GoldenFile.AssertMatches(WebhookGoldenTests.Indented(AlertmanagerPayload.Serialize(Alerts(fixture))), $"alertmanager-{fixture}.json");

    private static IReadOnlyList<AlertmanagerAlert> Alerts(string fixture)
    {
        var interval = new AlertmanagerOptions().RepostInterval;
        if (fixture == "resolved")
        {
            var resolve = NotificationFixtures.Resolved();
            return [.. AlertTimeline.EndedBy(resolve, [NotificationFixtures.Rollback(), resolve])
                .Select(trigger => AlertmanagerPayload.Alert(trigger, resolve.At, resolve.At.AddSeconds(1), interval))];
        }
        var message = WebhookGoldenTests.Message(fixture);
        return [AlertmanagerPayload.Alert(message, null, message.At.AddSeconds(1), interval)];
    }
}
