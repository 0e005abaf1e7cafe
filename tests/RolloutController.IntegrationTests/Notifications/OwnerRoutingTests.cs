using RolloutController.TestUtilities.Notifications;
using RolloutController.TestUtilities.PagerDuty;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.IntegrationTests.Notifications;

/// <summary>Notices reach the routes of their owner by severity, through the real planner, outbox and dispatcher.</summary>
public sealed class OwnerRoutingTests
{
    private const string RoutingKey = "R0123456789abcdef0123456789abcde";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Critical_pages_the_owning_team_and_info_goes_to_its_chat_while_notify_still_applies()
    {
        await using var pagerDuty = await PagerDutyReceiver.StartAsync();
        await using var chat = await WebhookReceiver.StartAsync();
        await using var releases = await WebhookReceiver.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Routes:pagerduty-payments:0:Type"] = "pagerduty",
            ["Routes:pagerduty-payments:0:Url"] = pagerDuty.EventsUrl.ToString(),
            ["Routes:pagerduty-payments:0:RoutingKey"] = RoutingKey,
            ["Routes:slack-payments:0:Type"] = "webhook",
            ["Routes:slack-payments:0:Url"] = chat.HookUrl.ToString(),
            ["Routes:slack-payments:0:Secret"] = "whsec_test_0123456789abcdef",
            ["Routes:releases:0:Type"] = "webhook",
            ["Routes:releases:0:Url"] = releases.HookUrl.ToString(),
            ["Routes:releases:0:Secret"] = "whsec_test_0123456789abcdef",
            ["OwnerRoutes:team-payments:Critical:0"] = "pagerduty-payments",
            ["OwnerRoutes:team-payments:Info:0"] = "slack-payments",
            ["DefaultRoutes:Critical:0"] = "releases",
        };
        await using var host = await DispatcherHost.StartAsync(settings);
        var policy = NotificationFixtures.Policy() with { Notify = ["releases"] };

        await host.Dispatcher.EnqueueAsync(NotificationFixtures.RollbackNotice(), policy, CancellationToken.None);
        await host.Dispatcher.EnqueueAsync(NotificationFixtures.AdvanceNotice(), policy, CancellationToken.None);
        await host.Store.WaitUntilAsync(s => s.NotificationAttempts.Count(a => a.Outcome == "delivered") == 4, Wait);

        pagerDuty.Requests.Select(r => r.EventAction).ShouldBe(["trigger"]);
        chat.Requests.Select(r => r.Json().GetProperty("kind").GetString()).ShouldBe(["advanced"]);
        releases.Requests.Select(r => r.Json().GetProperty("kind").GetString()).Order().ShouldBe(["advanced", "rolled_back"]);
        host.Store.NotificationAttempts.Select(a => (a.Route, a.Kind)).Order().ShouldBe(
            [("pagerduty-payments", "rolled_back"), ("releases", "advanced"), ("releases", "rolled_back"), ("slack-payments", "advanced")]);
    }

    [Fact]
    public async Task An_owner_not_listed_takes_the_default_entry()
    {
        await using var releases = await WebhookReceiver.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Routes:releases:0:Type"] = "webhook",
            ["Routes:releases:0:Url"] = releases.HookUrl.ToString(),
            ["Routes:releases:0:Secret"] = "whsec_test_0123456789abcdef",
            ["OwnerRoutes:team-search:Critical:0"] = "releases",
            ["DefaultRoutes:Critical:0"] = "releases",
        };
        await using var host = await DispatcherHost.StartAsync(settings);

        await host.Dispatcher.EnqueueAsync(NotificationFixtures.RollbackNotice(), NotificationFixtures.Policy() with { Notify = [] }, CancellationToken.None);

        (await releases.WaitForAsync(r => r.Count == 1, Wait)).Single().Json().GetProperty("flag").GetProperty("owner").GetString().ShouldBe("team-payments");
    }
}
