using RolloutController.TestUtilities.Notifications;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.IntegrationTests.Notifications;

/// <summary>Runbook, rollout page, dashboard and graph links reach the receivers through the real dispatcher.</summary>
public sealed class NotificationLinksTests
{
    private const string Secret = "whsec_test_0123456789abcdef";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Webhook_and_slack_carry_the_runbook_the_rollout_page_the_dashboard_and_the_graph()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = DispatcherHost.Channel("oncall", 0, "webhook", receiver.HookUrl, Secret)
            .Concat(DispatcherHost.Channel("oncall", 1, "slack", new Uri(receiver.BaseUrl, "slack")))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        settings["RolloutController:ExternalUrl"] = "https://rollouts.example.com/";
        settings["DashboardUrl"] = "https://grafana.example.com/d/rollouts?var-flag={flag}";
        await using var host = await DispatcherHost.StartAsync(settings);

        await host.Dispatcher.EnqueueAsync(NotificationFixtures.RollbackNotice(), NotificationFixtures.Policy("oncall"), CancellationToken.None);

        var requests = await receiver.WaitForAsync(r => r.Count == 2, Wait);
        var links = requests.Single(r => r.Path == "/hook").Json().GetProperty("links");
        links.GetProperty("runbook").GetString().ShouldBe(NotificationFixtures.ErrorRateRunbook);
        links.GetProperty("rollout").GetString().ShouldBe("https://rollouts.example.com/rollouts/new-checkout");
        links.GetProperty("dashboard").GetString().ShouldBe("https://grafana.example.com/d/rollouts?var-flag=new-checkout");
        links.GetProperty("graph").GetString()!.ShouldStartWith("http://prometheus.test:9090/graph?g0.expr=");
        var buttons = requests.Single(r => r.Path == "/slack").Json().GetProperty("blocks").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == "actions")
            .GetProperty("elements").EnumerateArray()
            .Select(e => (e.GetProperty("text").GetProperty("text").GetString(), e.GetProperty("url").GetString()))
            .ToList();
        buttons.ShouldBe(
        [
            ("Runbook", NotificationFixtures.ErrorRateRunbook),
            ("Rollout", "https://rollouts.example.com/rollouts/new-checkout"),
            ("Dashboard", "https://grafana.example.com/d/rollouts?var-flag=new-checkout"),
        ]);
    }

    [Fact]
    public async Task Without_external_url_or_dashboard_those_links_are_null_and_the_runbook_still_comes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await DispatcherHost.StartAsync(
            DispatcherHost.Channel("oncall", 0, "webhook", receiver.HookUrl, Secret).ToDictionary(kv => kv.Key, kv => kv.Value));

        await host.Dispatcher.EnqueueAsync(NotificationFixtures.RollbackNotice(), NotificationFixtures.Policy("oncall"), CancellationToken.None);

        var links = (await receiver.WaitForAsync(r => r.Count == 1, Wait)).Single().Json().GetProperty("links");
        links.GetProperty("rollout").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        links.GetProperty("dashboard").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        links.GetProperty("runbook").GetString().ShouldBe(NotificationFixtures.ErrorRateRunbook);
    }
}
