using System.Text;
using System.Text.Json;
using RolloutController.Notifications;
using RolloutController.Notifications.PagerDuty;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Notifications;
using RolloutController.TestUtilities.PagerDuty;

namespace RolloutController.UnitTests.Notifications;

public sealed class PagerDutyEventTests
{
    public const string RoutingKey = "R0123456789abcdef0123456789abcde";

    private static JsonElement Event(NotificationMessage message) =>
        JsonDocument.Parse(PagerDutyEvent.Serialize(message, RoutingKey)).RootElement;

    [Fact]
    public void A_rollback_triggers_under_the_incident_key_with_the_evidence_and_the_links()
    {
        var e = Event(NotificationFixtures.Rollback());

        e.GetProperty("routing_key").GetString().ShouldBe(RoutingKey);
        e.GetProperty("event_action").GetString().ShouldBe("trigger");
        e.GetProperty("dedup_key").GetString().ShouldBe("rollout-controller/new-checkout");
        var payload = e.GetProperty("payload");
        payload.GetProperty("summary").GetString().ShouldBe("[CRITICAL] new-checkout: Guardrail error-rate tripped at 10%: 0.034 (max 0.01)");
        payload.GetProperty("severity").GetString().ShouldBe("critical");
        payload.GetProperty("source").GetString().ShouldBe("new-checkout");
        payload.GetProperty("group").GetString().ShouldBe("team-payments");
        var breach = payload.GetProperty("custom_details").GetProperty("breaches")[0];
        (breach.GetProperty("name").GetString(), breach.GetProperty("value").GetDouble(), breach.GetProperty("consecutive_failures").GetInt32())
            .ShouldBe(("error-rate", 0.034, 2));
        payload.GetProperty("custom_details").GetProperty("guardrails")[2].GetProperty("segment").GetString().ShouldBe("plan=\"free\"");
        e.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("text").GetString()).ShouldBe(
            ["Runbook", "Graph: error-rate", "Dashboard", "Rollout new-checkout"]);
        e.GetProperty("links")[0].GetProperty("href").GetString().ShouldBe(NotificationFixtures.ErrorRateRunbook);
    }

    [Fact]
    public void A_person_restarting_the_rollout_resolves_under_the_same_key()
    {
        var e = Event(NotificationFixtures.Resolved());

        e.EnumerateObject().Select(p => p.Name).ShouldBe(["routing_key", "event_action", "dedup_key"]);
        e.GetProperty("event_action").GetString().ShouldBe("resolve");
        e.GetProperty("dedup_key").GetString().ShouldBe(Event(NotificationFixtures.Rollback()).GetProperty("dedup_key").GetString());
    }

    [Fact]
    public void Notices_that_open_or_close_no_incident_are_not_taken()
    {
        var channel = new PagerDutyChannel(new HttpClient(), PagerDutyChannel.DefaultEventsUrl, RoutingKey, TimeSpan.FromSeconds(1), TimeProvider.System);

        channel.Takes(NotificationFixtures.Rollback()).ShouldBeTrue();
        channel.Takes(NotificationFixtures.Resolved()).ShouldBeTrue();
        channel.Takes(NotificationFixtures.Advanced()).ShouldBeFalse();
        channel.Takes(NotificationFixtures.SegmentExcluded()).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => PagerDutyEvent.Serialize(NotificationFixtures.Advanced(), RoutingKey));
    }

    [Theory]
    [InlineData("RolledBack", "Critical", "Trigger", "critical")]
    [InlineData("Paused", "Critical", "Trigger", "critical")]
    [InlineData("Paused", "Warning", "Trigger", "error")]
    [InlineData("Warning", "Warning", "None", "warning")]
    [InlineData("Completed", "Info", "Resolve", "info")]
    public void Severity_maps_harm_to_critical_and_a_rollout_that_cannot_be_judged_to_error(
        string kind, string severity, string incident, string expected) =>
        PagerDutyEvent.Severity(NotificationFixtures.Rollback() with
        {
            Kind = Enum.Parse<NoticeKind>(kind),
            Severity = Enum.Parse<NoticeSeverity>(severity),
            Incident = Enum.Parse<IncidentAction>(incident),
        }).ShouldBe(expected);

    [Fact]
    public void A_sample_ratio_mismatch_pauses_by_the_controller_and_triggers_a_critical_event()
    {
        var transition = NotificationFixtures.RollbackNotice().Transition with
        {
            Trigger = RolloutTrigger.Pause, To = RolloutPhase.Paused, ToWeight = 10m, Reason = "sample ratio mismatch 3 rounds in a row",
        };
        var message = NotificationFixtures.Rollback() with
        {
            Kind = NoticeKind.Paused, Severity = NoticeSeverity.Critical, Transition = transition,
            Incident = IncidentRule.Of(NoticeKind.Paused, transition),
        };

        var e = Event(message);

        e.GetProperty("event_action").GetString().ShouldBe("trigger");
        e.GetProperty("payload").GetProperty("severity").GetString().ShouldBe("critical");
    }

    [Fact]
    public void A_long_headline_is_cut_to_pagerdutys_1024_characters()
    {
        var message = NotificationFixtures.Rollback() with { Summary = new string('x', 3000) };
        var body = Encoding.UTF8.GetString(PagerDutyEvent.Serialize(message with { Breaches = [] }, RoutingKey));

        JsonDocument.Parse(body).RootElement.GetProperty("payload").GetProperty("summary").GetString()!.Length.ShouldBe(1024);
        PagerDutyEventsSchema.Errors(body).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"status":"invalid event","message":"Event object is invalid","errors":["Length of 'routing_key' is incorrect (should be 32 characters)"]}""",
        "Event object is invalid: Length of 'routing_key' is incorrect (should be 32 characters)")]
    [InlineData("""{"status":"Unrecognized object","message":"Event object format is unrecognized"}""", "Event object format is unrecognized")]
    [InlineData("upstream timeout", "upstream timeout")]
    public void Pagerdutys_error_body_becomes_the_recorded_error(string body, string expected) =>
        PagerDutyChannel.DescribeError(body).ShouldBe(expected);

    [Theory]
    [InlineData("rollback")]
    [InlineData("resolved")]
    public void Every_rendering_is_valid_against_the_documented_schema(string fixture) =>
        PagerDutyEventsSchema.Errors(Encoding.UTF8.GetString(PagerDutyEvent.Serialize(WebhookGoldenTests.Message(fixture), RoutingKey))).ShouldBeEmpty();

    [Fact]
    public void The_schema_refuses_what_pagerduty_refuses()
    {
        PagerDutyEventsSchema.Errors("""{"routing_key":"short","event_action":"trigger","payload":{"summary":"s","severity":"critical","source":"x"}}""").ShouldNotBeEmpty();
        PagerDutyEventsSchema.Errors($$$"""{"routing_key":"{{{RoutingKey}}}","event_action":"trigger"}""").ShouldNotBeEmpty();
        PagerDutyEventsSchema.Errors($$$"""{"routing_key":"{{{RoutingKey}}}","event_action":"resolve"}""").ShouldNotBeEmpty();
        PagerDutyEventsSchema.Errors($$$"""{"routing_key":"{{{RoutingKey}}}","event_action":"trigger","payload":{"summary":"s","severity":"fatal","source":"x"}}""").ShouldNotBeEmpty();
        PagerDutyEventsSchema.Errors($$$"""{"routing_key":"{{{RoutingKey}}}","event_action":"resolve","dedup_key":"k"}""").ShouldBeEmpty();
    }
}
