using RolloutController.Notifications;

namespace RolloutController.UnitTests.Notifications;

public sealed class NotificationOptionsValidatorTests
{
    private static NotificationChannelOptions Webhook(string url = "https://hooks.example.com/rollouts", string? secret = "0123456789abcdef") =>
        new() { Type = "webhook", Url = url, Secret = secret };

    [Fact]
    public void Valid_options_pass()
    {
        var options = new NotificationOptions
        {
            Routes =
            {
                ["oncall"] = [Webhook(), new() { Type = "slack", Url = "https://hooks.slack.com/services/T/B/X" }],
            },
        };
        new NotificationOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Every_failure_is_listed_with_key_path_and_bad_value()
    {
        var options = new NotificationOptions
        {
            MaxAttempts = 0,
            InitialBackoff = TimeSpan.Zero,
            MaxBackoff = TimeSpan.FromSeconds(-1),
            PrometheusUrl = "https://prometheus.example.com",
            Routes =
            {
                ["oncall"] =
                [
                    new() { Type = "opsgenie", Url = "https://events.example.com" },
                    Webhook(url: "ftp://files.example.com/hook", secret: null),
                    Webhook(secret: "short") ,
                    new() { Type = "slack", Url = "not a url", Timeout = TimeSpan.Zero },
                ],
                ["empty"] = [],
            },
        };

        var failures = new NotificationOptionsValidator().Validate(null, options).Failures!.ToList();

        const string S = "RolloutController:Notifications";
        failures.ShouldBe(
        [
            $"{S}:MaxAttempts must be at least 1 (got 0)",
            $"{S}:InitialBackoff must be positive (got 00:00:00)",
            $"{S}:MaxBackoff must be at least InitialBackoff 00:00:00 (got -00:00:01)",
            $"{S}:PrometheusUrl is no longer read (got 'https://prometheus.example.com'): set RolloutController:Prometheus:ExternalUrl " +
                "instead; graph links in notifications come from it, else from Prometheus:Url",
            $"{S}:Routes:oncall:0:Type 'opsgenie' is not a channel type; use one of: webhook, slack, email, alertmanager, pagerduty, teams",
            $"{S}:Routes:oncall:1:Url must be an absolute http(s) URL (got 'ftp://files.example.com/hook')",
            $"{S}:Routes:oncall:1:Secret is required for webhook channels (HMAC-SHA256 key, at least 16 characters)",
            $"{S}:Routes:oncall:2:Secret must be at least 16 characters (got 5)",
            $"{S}:Routes:oncall:3:Url must be an absolute http(s) URL (got (hidden))",
            $"{S}:Routes:oncall:3:Timeout must be positive (got 00:00:00)",
            $"{S}:Routes:empty has no channels; list at least one or remove the route",
        ]);
    }

    [Fact]
    public void Alertmanager_channels_need_a_url_and_the_repost_interval_is_at_least_a_second()
    {
        var options = new NotificationOptions
        {
            Alertmanager = { RepostInterval = TimeSpan.FromMilliseconds(500) },
            Routes = { ["oncall"] = [new() { Type = "alertmanager", Url = "alertmanager:9093" }, new() { Type = "alertmanager", Url = "http://am:9093" }] },
        };

        new NotificationOptionsValidator().Validate(null, options).Failures!.ShouldBe(
        [
            "RolloutController:Notifications:Alertmanager:RepostInterval must be at least 00:00:01 (got 00:00:00.5000000)",
            "RolloutController:Notifications:Routes:oncall:0:Url must be an absolute http(s) URL (got 'alertmanager:9093')",
        ]);
    }

    [Fact]
    public void A_pagerduty_channel_needs_a_32_character_routing_key_and_never_shows_it()
    {
        var options = new NotificationOptions
        {
            Routes =
            {
                ["pager"] =
                [
                    new() { Type = "pagerduty" },
                    new() { Type = "pagerduty", RoutingKey = "secret-but-too-short", Url = "events.example.com" },
                    new() { Type = "pagerduty", RoutingKey = new string('k', 32) },
                    new() { Type = "pagerduty", RoutingKey = new string('k', 32), Url = "https://events.eu.pagerduty.com/v2/enqueue" },
                ],
            },
        };

        var failures = new NotificationOptionsValidator().Validate(null, options).Failures!.ToList();

        const string P = "RolloutController:Notifications:Routes:pager";
        failures.ShouldBe(
        [
            $"{P}:0:RoutingKey is required for pagerduty channels (the 32-character integration key of an Events API v2 integration)",
            $"{P}:1:Url must be an absolute http(s) URL (got 'events.example.com')",
            $"{P}:1:RoutingKey must be 32 characters (got 20; the value is not shown)",
        ]);
    }

    [Fact]
    public void Every_route_the_owner_map_and_its_default_name_must_be_configured()
    {
        var options = new NotificationOptions
        {
            Routes = { ["slack-payments"] = [Webhook()], ["pagerduty-payments"] = [Webhook()] },
            OwnerRoutes =
            {
                ["team-payments"] = new() { Critical = ["pagerduty-payments", "pagerduty-paymnts"], Info = ["Slack-Payments"] },
            },
            DefaultRoutes = new() { Warning = ["releases"] },
        };

        new NotificationOptionsValidator().Validate(null, options).Failures!.ShouldBe(
        [
            "RolloutController:Notifications:OwnerRoutes:team-payments:Critical:1 names route 'pagerduty-paymnts', which is not configured " +
                "under RolloutController:Notifications:Routes; configured routes: pagerduty-payments, slack-payments",
            "RolloutController:Notifications:DefaultRoutes:Warning:0 names route 'releases', which is not configured " +
                "under RolloutController:Notifications:Routes; configured routes: pagerduty-payments, slack-payments",
        ]);
    }

    [Fact]
    public void A_digest_period_is_for_a_configured_route_and_at_least_a_minute()
    {
        var options = new NotificationOptions
        {
            Routes = { ["releases"] = [Webhook()] },
            Digests = { ["Releases"] = TimeSpan.FromSeconds(30), ["relases"] = TimeSpan.FromHours(1) },
        };

        new NotificationOptionsValidator().Validate(null, options).Failures!.ShouldBe(
        [
            "RolloutController:Notifications:Digests:Releases must be at least 00:01:00 (got 00:00:30)",
            "RolloutController:Notifications:Digests:relases names a route that is not configured under RolloutController:Notifications:Routes",
        ]);
    }

    [Fact]
    public void Known_route_names_are_the_configured_routes_case_insensitively()
    {
        var options = new NotificationOptions { Routes = { ["oncall-payments"] = [Webhook()], ["releases"] = [Webhook()] } };
        var names = options.KnownRouteNames();
        names.Count.ShouldBe(2);
        names.ShouldContain("OnCall-Payments");
        names.ShouldContain("releases");
    }
}
