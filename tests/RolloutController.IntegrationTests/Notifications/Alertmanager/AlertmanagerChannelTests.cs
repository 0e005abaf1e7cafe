using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RolloutController.Notifications.Alertmanager;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Alertmanager;
using RolloutController.TestUtilities.Fakes;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.IntegrationTests.Notifications.Alertmanager;

/// <summary>The channel against the real Alertmanager 0.25 (Debian's package), routing to a webhook receiver.</summary>
public sealed class AlertmanagerChannelTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static Task<DispatcherHost> HostAsync(AlertmanagerServer alertmanager, string repostInterval = "00:01:00", InMemoryRolloutStore? store = null) =>
        DispatcherHost.StartAsync(new Dictionary<string, string?>(
            DispatcherHost.Channel("oncall", 0, "alertmanager", alertmanager.BaseUri))
        {
            ["Alertmanager:RepostInterval"] = repostInterval,
        }, store: store);

    private static bool RolledBack(JsonElement alert) => AlertmanagerServer.Label(alert, "alertname") == "RolloutRolledBack";

    private static RolloutNotice Resume() => new(NoticeKind.Resumed, NoticeSeverity.Info, "new-checkout",
        "'new-checkout' restarted at stage 1 by alice", "Serving 1%", "Nothing to do",
        new Transition("new-checkout", RolloutTrigger.Resume, RolloutPhase.RolledBack, RolloutPhase.Observing, -1, 0, 0m, 1m,
            "alice", "fixed in 2.4.1", SampleNotices.At.AddMinutes(5)), [], []);

    [Fact]
    public async Task A_rollback_fires_an_alert_that_routes_to_on_call_and_a_resume_resolves_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var alertmanager = await AlertmanagerServer.StartAsync(receiver.HookUrl);
        await using var host = await HostAsync(alertmanager);

        await host.Dispatcher.EnqueueAsync(SampleNotices.Rollback(), SampleNotices.Policy("oncall"), CancellationToken.None);

        // In Alertmanager's API: the labels that identify it, the annotations on-call reads.
        var alert = (await alertmanager.WaitForAlertsAsync(a => a.Any(RolledBack), Wait, "the rollback's alert")).Single(RolledBack);
        alert.GetProperty("labels").EnumerateObject().Select(p => (p.Name, p.Value.GetString())).OrderBy(p => p.Name).ShouldBe(
        [
            ("alertname", "RolloutRolledBack"), ("flag", "new-checkout"), ("guardrail", "error-rate"), ("owner", "team-payments"),
            ("severity", "critical"),
        ]);
        AlertmanagerServer.Annotation(alert, "summary").ShouldBe("[CRITICAL] new-checkout: Guardrail error-rate tripped at 10%: 0.034 (max 0.01)");
        AlertmanagerServer.Annotation(alert, "description")!.ShouldContain("Next: Fix the cause, then: rolloutctl restart new-checkout");
        AlertmanagerServer.Annotation(alert, "graph")!.ShouldStartWith("http://prometheus.test:9090/graph?g0.expr=");
        alert.GetProperty("generatorURL").GetString()!.ShouldStartWith("http://prometheus.test:9090/graph?g0.expr=");
        alert.GetProperty("status").GetProperty("state").GetString().ShouldBe("active");
        alert.GetProperty("receivers").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ShouldBe(["on-call"]);

        // Through the route to on-call's receiver, as Alertmanager's webhook.
        var firing = await receiver.WaitForAsync(r => r.Any(x => Status(x) == "firing"), Wait);
        var notification = firing.First(x => Status(x) == "firing").Json();
        notification.GetProperty("receiver").GetString().ShouldBe("on-call");
        var sent = notification.GetProperty("alerts").EnumerateArray().ShouldHaveSingleItem();
        AlertmanagerServer.Label(sent, "flag").ShouldBe("new-checkout");
        AlertmanagerServer.Label(sent, "severity").ShouldBe("critical");

        // A person resumes: the same alert ends, Alertmanager lists it no more and tells on-call it is resolved.
        await host.Dispatcher.EnqueueAsync(Resume(), SampleNotices.Policy("oncall"), CancellationToken.None);
        await alertmanager.WaitForAlertsAsync(a => !a.Any(RolledBack), Wait, "the rollback's alert resolved");
        var resolved = (await receiver.WaitForAsync(r => r.Any(x => Status(x) == "resolved"), Wait)).First(x => Status(x) == "resolved").Json();
        var ended = resolved.GetProperty("alerts").EnumerateArray().ShouldHaveSingleItem();
        AlertmanagerServer.Label(ended, "alertname").ShouldBe("RolloutRolledBack");
        ended.GetProperty("status").GetString().ShouldBe("resolved");
        host.Deliveries.Where(d => d.Channel == "alertmanager").Select(d => d.Outcome).ShouldBe(["delivered", "delivered"]);
    }

    [Fact]
    public async Task The_reposter_keeps_an_open_incident_active_and_without_it_the_alert_ends()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var alertmanager = await AlertmanagerServer.StartAsync(receiver.HookUrl, resolveTimeout: TimeSpan.FromSeconds(2));
        // Each post keeps the alert active for four periods: 4 s.
        await using var host = await HostAsync(alertmanager, repostInterval: "00:00:01");
        var reposter = host.Services.GetRequiredService<AlertmanagerReposter>();
        await reposter.StartAsync(CancellationToken.None);

        await host.Dispatcher.EnqueueAsync(SampleNotices.Rollback(), SampleNotices.Policy("oncall"), CancellationToken.None);
        var first = (await alertmanager.WaitForAlertsAsync(a => a.Any(RolledBack), Wait, "the rollback's alert")).Single(RolledBack);

        // Three times the validity of one post, and of Alertmanager's resolve_timeout: still active, its end moved on.
        await Task.Delay(TimeSpan.FromSeconds(12));
        var later = (await alertmanager.AlertsAsync()).Single(RolledBack);
        later.GetProperty("status").GetProperty("state").GetString().ShouldBe("active");
        later.GetProperty("endsAt").GetDateTimeOffset().ShouldBeGreaterThan(first.GetProperty("endsAt").GetDateTimeOffset().AddSeconds(8));
        later.GetProperty("startsAt").GetDateTimeOffset().ShouldBe(first.GetProperty("startsAt").GetDateTimeOffset());
        receiver.Requests.Count(r => Status(r) == "resolved").ShouldBe(0);

        // No one re-posts any more (the controller went away): Alertmanager ends it by itself.
        await reposter.StopAsync(CancellationToken.None);
        await alertmanager.WaitForAlertsAsync(a => !a.Any(RolledBack), TimeSpan.FromSeconds(15), "the alert ended once nobody re-posts it");
        await receiver.WaitForAsync(r => r.Any(x => Status(x) == "resolved"), Wait);
    }

    [Fact]
    public async Task After_a_restart_the_open_incident_is_re_posted_from_the_stored_notices()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var alertmanager = await AlertmanagerServer.StartAsync(receiver.HookUrl);
        InMemoryRolloutStore store;
        // Alertmanager keeps the latest end an alert was given: both processes use the same short period (4 s per post).
        await using (var before = await HostAsync(alertmanager, repostInterval: "00:00:01"))
        {
            await before.Dispatcher.EnqueueAsync(SampleNotices.Rollback(), SampleNotices.Policy("oncall"), CancellationToken.None);
            await before.Store.WaitUntilAsync(s => s.Outbox.Any(d => d.Status == "delivered"), Wait);
            store = before.Store;
        }
        var posted = (await alertmanager.WaitForAlertsAsync(a => a.Any(RolledBack), Wait, "the rollback's alert")).Single(RolledBack);

        // The process that raised it is gone; a new one on the same store re-posts it with nothing in memory.
        await using var after = await HostAsync(alertmanager, repostInterval: "00:00:01", store: store);
        await after.Services.GetRequiredService<AlertmanagerReposter>().StartAsync(CancellationToken.None);

        // Past the end the first process gave it, the alert is still active, with a later end.
        var end = posted.GetProperty("endsAt").GetDateTimeOffset();
        var reposted = (await alertmanager.WaitForAlertsAsync(
            a => a.Any(x => RolledBack(x) && x.GetProperty("endsAt").GetDateTimeOffset() > end.AddSeconds(2)), Wait, "the alert re-posted")).Single(RolledBack);
        reposted.GetProperty("status").GetProperty("state").GetString().ShouldBe("active");
        reposted.GetProperty("startsAt").GetDateTimeOffset().ShouldBe(posted.GetProperty("startsAt").GetDateTimeOffset());
        AlertmanagerServer.Annotation(reposted, "notification_id").ShouldBe(AlertmanagerServer.Annotation(posted, "notification_id"));
        after.Reposts.ShouldContain(("oncall", "posted", 1L));
    }

    [Fact]
    public async Task A_resume_with_no_open_incident_ends_nothing_and_is_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var alertmanager = await AlertmanagerServer.StartAsync(receiver.HookUrl);
        await using var host = await HostAsync(alertmanager);

        await host.Dispatcher.EnqueueAsync(Resume(), SampleNotices.Policy("oncall"), CancellationToken.None);

        await host.Store.WaitUntilAsync(s => s.NotificationAttempts.Any(), Wait);
        host.Store.NotificationAttempts.ShouldHaveSingleItem().Outcome.ShouldBe("delivered");
        (await alertmanager.AlertsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_round_re_posts_only_open_incidents_and_counts_them()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var alertmanager = await AlertmanagerServer.StartAsync(receiver.HookUrl);
        await using var host = await HostAsync(alertmanager);
        var reposter = host.Services.GetRequiredService<AlertmanagerReposter>();

        await host.Dispatcher.EnqueueAsync(SampleNotices.Rollback(), SampleNotices.Policy("oncall"), CancellationToken.None);
        await host.Store.WaitUntilAsync(s => s.Outbox.Any(d => d.Status == "delivered"), Wait);
        (await reposter.RepostAsync(CancellationToken.None)).ShouldBe(1);
        host.Reposts.ShouldBe([("oncall", "posted", 1L)]);
        // Claimed for half a period: a second round now (another replica's) has nothing to do.
        (await reposter.RepostAsync(CancellationToken.None)).ShouldBe(0);

        await host.Dispatcher.EnqueueAsync(Resume(), SampleNotices.Policy("oncall"), CancellationToken.None);
        await host.Store.WaitUntilAsync(s => s.Outbox.Count(d => d.Status == "delivered") == 2, Wait);
        await alertmanager.WaitForAlertsAsync(a => !a.Any(RolledBack), Wait, "the rollback's alert resolved");
        await host.Store.ReleaseClaimsAsync(CancellationToken.None);
        (await reposter.RepostAsync(CancellationToken.None)).ShouldBe(0);
        (await alertmanager.AlertsAsync()).Any(RolledBack).ShouldBeFalse();
        host.Reposts.Count.ShouldBe(1);
    }

    private static string? Status(ReceivedRequest request) =>
        request.Body.Length > 0 && request.Json().TryGetProperty("status", out var status) ? status.GetString() : null;
}
