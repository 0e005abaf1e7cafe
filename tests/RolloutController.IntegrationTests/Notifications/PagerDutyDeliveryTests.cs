using RolloutController.Store;
using RolloutController.TestUtilities.Notifications;
using RolloutController.TestUtilities.PagerDuty;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.IntegrationTests.Notifications;

/// <summary>
/// The PagerDuty channel through the real dispatcher and outbox, against a local receiver that validates every event
/// against the Events API v2 schema as PagerDuty documents it (PagerDuty itself cannot run here) and answers as it does.
/// </summary>
public sealed class PagerDutyDeliveryTests
{
    private const string RoutingKey = "R0123456789abcdef0123456789abcde";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static Task<DispatcherHost> StartAsync(PagerDutyReceiver pagerDuty, params (string Key, string? Value)[] more)
    {
        var settings = DispatcherHost.Channel("pager", 0, "pagerduty", pagerDuty.EventsUrl).ToDictionary(kv => kv.Key, kv => kv.Value);
        settings["Routes:pager:0:RoutingKey"] = RoutingKey;
        settings["RolloutController:ExternalUrl"] = NotificationFixtures.ControllerUrl;
        settings["DashboardUrl"] = NotificationFixtures.DashboardTemplate;
        foreach (var (key, value) in more) settings[key] = value;
        return DispatcherHost.StartAsync(settings);
    }

    private static IReadOnlyList<NotificationAttempt> Attempts(DispatcherHost host) =>
        host.Store.NotificationAttempts.Where(a => a.Route == "pager").ToList();

    [Fact]
    public async Task A_rollback_triggers_and_the_restart_resolves_the_same_incident()
    {
        await using var pagerDuty = await PagerDutyReceiver.StartAsync();
        await using var host = await StartAsync(pagerDuty);

        await host.Dispatcher.EnqueueAsync(NotificationFixtures.RollbackNotice(), NotificationFixtures.Policy("pager"), CancellationToken.None);
        await pagerDuty.WaitForAsync(r => r.Count == 1, Wait);
        await host.Dispatcher.EnqueueAsync(NotificationFixtures.RestartNotice(), NotificationFixtures.Policy("pager"), CancellationToken.None);
        var requests = await pagerDuty.WaitForAsync(r => r.Count == 2, Wait);
        await host.Store.WaitUntilAsync(s => Attempts(host).Count(a => a.Outcome == "delivered") == 2, Wait);

        requests.ShouldAllBe(r => r.SchemaErrors.Count == 0 && r.RespondedWith == 202);
        requests[0].ContentType.ShouldBe("application/json; charset=utf-8");
        requests.Select(r => r.EventAction).ShouldBe(["trigger", "resolve"]);
        requests.Select(r => r.Json().GetProperty("dedup_key").GetString()).Distinct().ShouldBe(["rollout-controller/new-checkout"]);
        var trigger = requests[0].Json();
        trigger.GetProperty("payload").GetProperty("severity").GetString().ShouldBe("critical");
        trigger.GetProperty("payload").GetProperty("custom_details").GetProperty("breaches")[0].GetProperty("graph_url").GetString()!
            .ShouldStartWith("http://prometheus.test:9090/graph?g0.expr=");
        trigger.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("href").GetString()!).ShouldBe(
        [
            NotificationFixtures.ErrorRateRunbook,
            trigger.GetProperty("payload").GetProperty("custom_details").GetProperty("breaches")[0].GetProperty("graph_url").GetString()!,
            "https://grafana.example.com/d/rollouts?var-flag=new-checkout",
            "https://rollouts.example.com/rollouts/new-checkout",
        ]);
        Attempts(host).ShouldAllBe(a => a.Channel == "pagerduty[0]" && a.StatusCode == 202);
    }

    [Fact]
    public async Task A_refused_event_is_abandoned_at_once_with_pagerdutys_error_text()
    {
        await using var pagerDuty = await PagerDutyReceiver.StartAsync();
        await using var host = await StartAsync(pagerDuty);
        pagerDuty.FailNext(1, 400);

        await host.Dispatcher.EnqueueAsync(NotificationFixtures.RollbackNotice(), NotificationFixtures.Policy("pager"), CancellationToken.None);
        await host.Store.WaitUntilAsync(s => Attempts(host).Any(a => a.Outcome == "abandoned"), Wait);

        var attempt = Attempts(host).ShouldHaveSingleItem();
        attempt.StatusCode.ShouldBe(400);
        attempt.Error.ShouldBe("HTTP 400: Event object is invalid: scripted failure");
        pagerDuty.Requests.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Throttling_and_server_errors_are_retried_through_the_outbox(int status)
    {
        await using var pagerDuty = await PagerDutyReceiver.StartAsync();
        await using var host = await StartAsync(pagerDuty);
        pagerDuty.FailNext(2, status);

        await host.Dispatcher.EnqueueAsync(NotificationFixtures.RollbackNotice(), NotificationFixtures.Policy("pager"), CancellationToken.None);
        await host.Store.WaitUntilAsync(s => Attempts(host).Any(a => a.Outcome == "delivered"), Wait);

        Attempts(host).OrderBy(a => a.Attempt).Select(a => (a.Attempt, a.Outcome, a.StatusCode)).ShouldBe(
            [(1, "failed", status), (2, "failed", status), (3, "delivered", 202)]);
        pagerDuty.Requests.Select(r => r.Body).Distinct().Count().ShouldBe(1, "every retry sends the same event");
    }

    [Fact]
    public async Task An_advance_is_not_sent_to_pagerduty_while_the_routes_webhook_gets_it()
    {
        await using var pagerDuty = await PagerDutyReceiver.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(pagerDuty,
            ("Routes:pager:1:Type", "webhook"), ("Routes:pager:1:Url", webhook.HookUrl.ToString()), ("Routes:pager:1:Secret", "whsec_test_0123456789abcdef"));

        await host.Dispatcher.EnqueueAsync(NotificationFixtures.AdvanceNotice(), NotificationFixtures.Policy("pager"), CancellationToken.None);
        await webhook.WaitForAsync(r => r.Count == 1, Wait);
        await host.Store.WaitUntilAsync(s => Attempts(host).Any(a => a.Outcome == "delivered"), Wait);

        Attempts(host).ShouldHaveSingleItem().Channel.ShouldBe("webhook[1]");
        pagerDuty.Requests.ShouldBeEmpty();
    }
}
