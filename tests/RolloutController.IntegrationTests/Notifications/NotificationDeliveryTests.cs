using System.Diagnostics;
using RolloutController.Store;
using RolloutController.TestUtilities.Fakes;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.IntegrationTests.Notifications;

public sealed class NotificationDeliveryTests
{
    private const string Secret = "whsec_test_0123456789abcdef";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static Dictionary<string, string?> Settings(params IEnumerable<KeyValuePair<string, string?>>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(kv => kv.Key, kv => kv.Value);

    private static IReadOnlyList<NotificationAttempt> Attempts(InMemoryRolloutStore store, string route) =>
        store.NotificationAttempts.Where(a => a.Route == route).ToList();

    private static Task<DispatcherHost> OnCallWebhook(Uri url) =>
        DispatcherHost.StartAsync(Settings(DispatcherHost.Channel("oncall", 0, "webhook", url, Secret)));

    /// <summary>Sends the sample rollback to <paramref name="route"/> and waits until it is delivered or abandoned there.</summary>
    private static async Task SendAndWaitAsync(DispatcherHost host, string route)
    {
        await host.Dispatcher.EnqueueAsync(SampleNotices.Rollback(), SampleNotices.Policy(route), CancellationToken.None);
        await host.Store.WaitUntilAsync(s => Finished(s, route), Wait);
    }

    private static bool Finished(InMemoryRolloutStore store, string route) =>
        Attempts(store, route).Any(a => a.Outcome is "delivered" or "abandoned");

    [Fact]
    public async Task Webhook_delivery_is_signed_and_recorded()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await OnCallWebhook(receiver.HookUrl);

        await host.Dispatcher.EnqueueAsync(SampleNotices.Rollback(), SampleNotices.Policy("oncall"), CancellationToken.None);

        var request = (await receiver.WaitForAsync(r => r.Count == 1, Wait)).Single();
        await host.Store.WaitUntilAsync(s => Finished(s, "oncall"), Wait);

        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/hook");
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        WebhookReceiver.HasValidSignature(request, Secret).ShouldBeTrue();
        WebhookReceiver.HasValidSignature(request, "another-secret-0123456789").ShouldBeFalse();
        long.Parse(request.Header("X-RolloutController-Timestamp")!)
            .ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        var body = request.Json();
        body.GetProperty("schema").GetString().ShouldBe("rollout-controller.notification/v1");
        body.GetProperty("flag").GetProperty("key").GetString().ShouldBe("new-checkout");
        body.GetProperty("breaches")[0].GetProperty("graph_url").GetString()!.ShouldStartWith("http://prometheus.test:9090/graph?g0.expr=");
        request.Header("X-RolloutController-Delivery").ShouldBe(body.GetProperty("id").GetString());

        var attempt = host.Store.NotificationAttempts.ShouldHaveSingleItem();
        attempt.ShouldBe(attempt with
        {
            NotificationId = body.GetProperty("id").GetString()!,
            FlagKey = "new-checkout",
            Kind = "rolled_back",
            Route = "oncall",
            Channel = "webhook[0]",
            Attempt = 1,
            Outcome = "delivered",
            StatusCode = 200,
            Error = null,
        });
        host.Deliveries.ShouldContain(("webhook", "oncall", "delivered", 1L));
    }

    [Fact]
    public async Task Two_failures_then_success_is_delivered_on_attempt_three_with_every_attempt_recorded()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext(2, 503);
        await using var host = await OnCallWebhook(receiver.HookUrl);

        await SendAndWaitAsync(host, "oncall");

        var attempts = host.Store.NotificationAttempts;
        attempts.Select(a => (a.Attempt, a.Outcome, a.StatusCode)).ShouldBe([(1, "failed", 503), (2, "failed", 503), (3, "delivered", 200)]);
        attempts.Select(a => a.NotificationId).Distinct().ShouldHaveSingleItem();
        attempts[0].Error.ShouldBe("HTTP 503: scripted failure 503");
        receiver.Requests.Select(r => r.Header("X-RolloutController-Delivery")).Distinct().ShouldHaveSingleItem();
        receiver.Requests.ShouldAllBe(r => WebhookReceiver.HasValidSignature(r, Secret));
        host.Deliveries.Count(d => d.Outcome == "failed").ShouldBe(2);
    }

    [Fact]
    public async Task Receiver_down_never_delays_enqueue_and_is_abandoned_after_max_attempts()
    {
        var receiver = await WebhookReceiver.StartAsync();
        var url = receiver.HookUrl;
        await receiver.DisposeAsync();
        await using var host = await OnCallWebhook(url);

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++) await host.Dispatcher.EnqueueAsync(SampleNotices.Rollback(), SampleNotices.Policy("oncall"), CancellationToken.None);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromMilliseconds(500));

        await host.Store.WaitUntilAsync(s => s.NotificationAttempts.Count(a => a.Outcome == "abandoned") == 20, Wait);
        foreach (var perNotice in host.Store.NotificationAttempts.GroupBy(a => a.NotificationId))
        {
            perNotice.Select(a => (a.Attempt, a.Outcome)).ShouldBe([(1, "failed"), (2, "failed"), (3, "failed"), (4, "abandoned")]);
            perNotice.ShouldAllBe(a => a.StatusCode == null && a.Error!.Contains("cannot reach 127.0.0.1"));
        }
    }

    [Fact]
    public async Task Client_error_is_abandoned_without_retry()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext(1, 400);
        await using var host = await OnCallWebhook(receiver.HookUrl);

        await SendAndWaitAsync(host, "oncall");
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // several backoffs: a retry would have happened by now

        host.Store.NotificationAttempts.Select(a => (a.Attempt, a.Outcome, a.StatusCode)).ShouldBe([(1, "abandoned", 400)]);
        receiver.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_down_route_does_not_hold_up_another_route()
    {
        var down = await WebhookReceiver.StartAsync();
        var downUrl = down.HookUrl;
        await down.DisposeAsync();
        await using var up = await WebhookReceiver.StartAsync();
        var settings = Settings(
            DispatcherHost.Channel("down", 0, "webhook", downUrl, Secret),
            DispatcherHost.Channel("up", 0, "webhook", up.HookUrl, Secret));
        // One request at a time and slow retries: the down route is still retrying long after the other is delivered.
        settings["MaxConcurrentDeliveries"] = "1";
        settings["MaxAttempts"] = "6";
        settings["InitialBackoff"] = "00:00:00.200";
        settings["MaxBackoff"] = "00:00:01";
        await using var host = await DispatcherHost.StartAsync(settings);

        await host.Dispatcher.EnqueueAsync(SampleNotices.Rollback(), SampleNotices.Policy("down", "up"), CancellationToken.None);

        await host.Store.WaitUntilAsync(s => Finished(s, "up"), Wait);
        Attempts(host.Store, "up").Select(a => (a.Attempt, a.Outcome)).ShouldBe([(1, "delivered")]);
        Finished(host.Store, "down").ShouldBeFalse();

        await host.Store.WaitUntilAsync(s => Finished(s, "down"), Wait);
        Attempts(host.Store, "down").Select(a => a.Outcome).ShouldBe(["failed", "failed", "failed", "failed", "failed", "abandoned"]);
    }

    [Fact]
    public async Task Unknown_route_is_recorded_as_abandoned_and_known_routes_still_get_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await OnCallWebhook(receiver.HookUrl);

        await host.Dispatcher.EnqueueAsync(SampleNotices.Rollback(), SampleNotices.Policy("no-such-route", "oncall"), CancellationToken.None);
        await host.Store.WaitUntilAsync(s => Finished(s, "oncall") && Finished(s, "no-such-route"), Wait);

        var unknown = Attempts(host.Store, "no-such-route").ShouldHaveSingleItem();
        unknown.Outcome.ShouldBe("abandoned");
        unknown.Error.ShouldBe("route 'no-such-route' is not configured under RolloutController:Notifications:Routes");
        Attempts(host.Store, "oncall").ShouldHaveSingleItem().Outcome.ShouldBe("delivered");
    }

    [Fact]
    public async Task Slack_channel_posts_block_kit_to_the_incoming_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = new Uri(receiver.BaseUrl, "services/T000/B000/XXXX");
        await using var host = await DispatcherHost.StartAsync(Settings(DispatcherHost.Channel("team", 0, "slack", hook)));

        await host.Dispatcher.EnqueueAsync(SampleNotices.Rollback(), SampleNotices.Policy("team"), CancellationToken.None);

        var request = (await receiver.WaitForAsync(r => r.Count == 1, Wait)).Single();
        request.Path.ShouldBe("/services/T000/B000/XXXX");
        request.Header("X-RolloutController-Signature").ShouldBeNull();
        var body = request.Json();
        body.GetProperty("text").GetString()!.ShouldStartWith("[CRITICAL] new-checkout:");
        body.GetProperty("blocks")[0].GetProperty("type").GetString().ShouldBe("header");
        await host.Store.WaitUntilAsync(s => Finished(s, "team"), Wait);
        host.Store.NotificationAttempts.ShouldHaveSingleItem().Channel.ShouldBe("slack[0]");
    }

    [Fact]
    public async Task Retry_after_is_honored()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext(1, 429, retryAfter: TimeSpan.FromSeconds(1));
        var settings = Settings(DispatcherHost.Channel("oncall", 0, "webhook", receiver.HookUrl, Secret));
        settings["MaxBackoff"] = "00:00:05"; // the 20 ms backoff alone would retry at once
        await using var host = await DispatcherHost.StartAsync(settings);

        await SendAndWaitAsync(host, "oncall");

        var requests = receiver.Requests;
        requests.Select(r => r.RespondedWith).ShouldBe([429, 200]);
        (requests[1].At - requests[0].At).ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900));
        host.Store.NotificationAttempts.Select(a => (a.Attempt, a.Outcome, a.StatusCode)).ShouldBe([(1, "failed", 429), (2, "delivered", 200)]);
    }

    [Fact]
    public async Task A_notice_stored_while_no_dispatcher_runs_is_sent_when_one_starts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await DispatcherHost.StartAsync(Settings(DispatcherHost.Channel("oncall", 0, "webhook", receiver.HookUrl, Secret)), start: false);
        for (var i = 0; i < 5; i++) await host.Dispatcher.EnqueueAsync(SampleNotices.Rollback(), SampleNotices.Policy("oncall"), CancellationToken.None);
        host.Store.Outbox.Count.ShouldBe(5);
        receiver.Requests.ShouldBeEmpty();

        await host.Dispatcher.StartAsync(CancellationToken.None);

        await host.Store.WaitUntilAsync(s => s.NotificationAttempts.Count(a => a.Outcome == "delivered") == 5, Wait);
        receiver.Requests.Select(r => r.Header("X-RolloutController-Delivery")).Distinct().Count().ShouldBe(5);
        host.Store.Outbox.ShouldAllBe(d => d.Status == OutboxStatus.Delivered);
    }

    [Fact]
    public async Task An_abandoned_notice_is_kept_and_sent_again_on_retry()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext(4, 503);
        await using var host = await OnCallWebhook(receiver.HookUrl);
        await SendAndWaitAsync(host, "oncall");
        host.Store.Outbox.ShouldHaveSingleItem().Status.ShouldBe(OutboxStatus.Abandoned);

        (await host.Store.RetryAbandonedAsync(2, DateTimeOffset.UtcNow, CancellationToken.None)).ShouldBe(1);
        host.Dispatcher.Stored();

        await host.Store.WaitUntilAsync(s => s.NotificationAttempts.Any(a => a.Outcome == "delivered"), Wait);
        host.Store.NotificationAttempts.Select(a => (a.Attempt, a.Outcome)).ShouldBe(
            [(1, "failed"), (2, "failed"), (3, "failed"), (4, "abandoned"), (5, "delivered")]);
        receiver.Requests.Select(r => r.Header("X-RolloutController-Delivery")).Distinct().ShouldHaveSingleItem();
    }
}
