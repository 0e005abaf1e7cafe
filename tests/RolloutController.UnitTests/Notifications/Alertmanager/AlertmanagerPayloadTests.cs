using System.Text.Json;
using RolloutController.Notifications.Alertmanager;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Notifications;
using static RolloutController.UnitTests.Notifications.Alertmanager.AlertmanagerMessages;

namespace RolloutController.UnitTests.Notifications.Alertmanager;

public sealed class AlertmanagerPayloadTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 3, 14, 5, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    [Fact]
    public void A_rollback_is_an_alert_with_the_documented_labels_and_annotations()
    {
        var alert = AlertmanagerPayload.Alert(Rollback("ntf-1", T0), null, T0.AddSeconds(2), Period);

        alert.Labels.ShouldBe(
        [
            new("alertname", "RolloutRolledBack"),
            new("flag", "new-checkout"),
            new("owner", "team-payments"),
            new("severity", "critical"),
            new("guardrail", "error-rate"),
        ]);
        alert.Annotation("summary").ShouldBe("[CRITICAL] new-checkout: Guardrail error-rate tripped at 10%: 0.034 (max 0.01)");
        alert.Annotation("description")!.ShouldContain("error-rate: 0.034 (max 0.01), 2 failures in a row (limit 2) since 2026-11-03T14:04:00Z");
        alert.Annotation("description")!.ShouldContain("Next: Fix the cause, then: rolloutctl restart new-checkout");
        alert.Annotation("graph")!.ShouldStartWith("http://prom:9090/graph?g0.expr=sum%28rate");
        alert.Annotation("notification_id").ShouldBe("ntf-1");
        // Without the controller's external URL, the alert links to the graph.
        alert.GeneratorUrl.ShouldBe(alert.Annotation("graph"));
        alert.Annotation("runbook_url").ShouldBeNull();
        alert.StartsAt.ShouldBe(T0);
    }

    [Fact]
    public void A_firing_alert_is_valid_for_four_periods_after_the_post_and_an_ended_one_ends_when_its_incident_did()
    {
        var rollback = Rollback("ntf-1", T0);
        AlertmanagerPayload.Alert(rollback, null, T0.AddMinutes(10), Period).EndsAt.ShouldBe(T0.AddMinutes(14));
        AlertmanagerPayload.Alert(rollback, T0.AddMinutes(3), T0.AddMinutes(10), Period).EndsAt.ShouldBe(T0.AddMinutes(3));
        // Alertmanager refuses an end before the start: an incident closed within the same instant ends at its start.
        AlertmanagerPayload.Alert(rollback, T0.AddSeconds(-1), T0, Period).EndsAt.ShouldBe(T0);
    }

    [Fact]
    public void Runbook_rollout_page_and_dashboard_are_annotations_and_the_rollout_page_is_the_generator()
    {
        var alert = AlertmanagerPayload.Alert(NotificationFixtures.Rollback(), null, T0, Period);

        alert.Annotation("runbook_url").ShouldBe(NotificationFixtures.ErrorRateRunbook);
        alert.Annotation("rollout").ShouldBe("https://rollouts.example.com/rollouts/new-checkout");
        alert.Annotation("dashboard").ShouldBe("https://grafana.example.com/d/rollouts?var-flag=new-checkout");
        alert.Annotation("graph")!.ShouldStartWith(NotificationFixtures.PrometheusUrl + "/graph?g0.expr=");
        alert.GeneratorUrl.ShouldBe(alert.Annotation("rollout"));
    }

    [Fact]
    public void A_segment_exclusion_carries_the_segment_as_a_label_and_in_the_description()
    {
        var alert = AlertmanagerPayload.Alert(NotificationFixtures.SegmentExcluded(), null, T0, Period);

        alert.Label("alertname").ShouldBe("RolloutSegmentExcluded");
        alert.Label("segment").ShouldBe("plan=\"free\"");
        alert.Label("guardrail").ShouldBe("checkout-conversion");
        alert.Annotation("description")!.ShouldContain("checkout-conversion (plan=\"free\"): 0.021 (min 0.03)");
    }

    [Fact]
    public void A_notice_without_tripped_guardrails_has_no_guardrail_label()
    {
        var alert = AlertmanagerPayload.Alert(Notice(NoticeKind.Paused, "controller", "ntf-2", T0), null, T0, Period);
        alert.Label("alertname").ShouldBe("RolloutPaused");
        alert.Label("severity").ShouldBe("info");
        alert.Label("guardrail").ShouldBeNull();
        alert.Labels.Select(l => l.Key).ShouldNotContain("guardrail");
    }

    [Fact]
    public void Several_tripped_guardrails_are_one_label_in_name_order()
    {
        var message = Rollback("ntf-1", T0);
        message = message with { Breaches = [message.Breaches[0] with { Name = "p99-latency" }, message.Breaches[0]] };
        AlertmanagerPayload.Alert(message, null, T0, Period).Label("guardrail").ShouldBe("error-rate,p99-latency");
    }

    [Fact]
    public void The_body_is_an_array_of_postable_alerts()
    {
        var alert = AlertmanagerPayload.Alert(Rollback("ntf-1", T0), T0.AddMinutes(5), T0, Period);
        using var document = JsonDocument.Parse(AlertmanagerPayload.Serialize([alert, alert]));

        document.RootElement.GetArrayLength().ShouldBe(2);
        var first = document.RootElement[0];
        first.EnumerateObject().Select(p => p.Name).ShouldBe(["labels", "annotations", "startsAt", "endsAt", "generatorURL"]);
        first.GetProperty("labels").GetProperty("alertname").GetString().ShouldBe("RolloutRolledBack");
        first.GetProperty("startsAt").GetString().ShouldBe("2026-11-03T14:05:00Z");
        first.GetProperty("endsAt").GetString().ShouldBe("2026-11-03T14:10:00Z");
    }

    [Fact]
    public void Alert_names_follow_the_kind_of_notice()
    {
        AlertmanagerPayload.AlertName(NoticeKind.RolledBack).ShouldBe("RolloutRolledBack");
        AlertmanagerPayload.AlertName(NoticeKind.NotStored).ShouldBe("RolloutNotStored");
        AlertmanagerPayload.AlertName(NoticeKind.SegmentExcluded).ShouldBe("RolloutSegmentExcluded");
    }
}
