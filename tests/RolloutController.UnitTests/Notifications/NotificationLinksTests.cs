using Microsoft.Extensions.Options;
using RolloutController.Hosting;
using RolloutController.Notifications;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Notifications;

namespace RolloutController.UnitTests.Notifications;

/// <summary>Runbooks, the rollout's page, the dashboard, graph links and segments on the message every channel renders.</summary>
public sealed class NotificationLinksTests
{
    [Fact]
    public void The_runbook_is_the_tripped_guardrails_own_else_the_policys()
    {
        NotificationFixtures.Rollback().Runbook.ShouldBe(NotificationFixtures.ErrorRateRunbook);
        NotificationFixtures.SegmentExcluded().Runbook.ShouldBe(NotificationFixtures.PolicyRunbook);
        NotificationFixtures.Advanced().Runbook.ShouldBe(NotificationFixtures.PolicyRunbook);
    }

    [Fact]
    public void Each_guardrail_report_carries_its_own_runbook_and_the_segment_it_was_measured_on()
    {
        var guardrails = NotificationFixtures.Rollback().Guardrails;

        guardrails.Select(g => (g.Name, g.Segment, g.Runbook)).ShouldBe(
        [
            ("error-rate", null, NotificationFixtures.ErrorRateRunbook),
            ("p99-latency", null, null),
            ("checkout-conversion", "plan=\"free\"", null),
            ("checkout-conversion", "plan=\"pro\"", null),
        ]);
    }

    [Fact]
    public void A_segment_exclusion_carries_the_segment_and_its_labels_as_fields()
    {
        var excluded = NotificationFixtures.SegmentExcluded().ExcludedSegments.ShouldHaveSingleItem();

        excluded.Guardrail.ShouldBe("checkout-conversion");
        excluded.Segment.ShouldBe("plan=\"free\"");
        excluded.Labels.ShouldBe(new Dictionary<string, string> { ["plan"] = "free" });
        NotificationFixtures.Rollback().ExcludedSegments.ShouldBeEmpty();
    }

    [Fact]
    public void Rollout_page_and_dashboard_come_from_the_configured_urls_with_the_flag_escaped()
    {
        var pages = new NoticeLinks(new Uri("https://ops.example.com/rollouts-controller/"), "https://grafana.example.com/d/x?var-flag={flag}&from={flag}");

        pages.RolloutPage("a.b_c").ShouldBe("https://ops.example.com/rollouts-controller/rollouts/a.b_c");
        pages.Dashboard("a b").ShouldBe("https://grafana.example.com/d/x?var-flag=a%20b&from=a%20b");
        NoticeLinks.None.RolloutPage("x").ShouldBeNull();
        NoticeLinks.None.Dashboard("x").ShouldBeNull();
    }

    [Fact]
    public void The_graph_link_is_the_first_tripped_guardrails_else_the_first_measured()
    {
        NotificationFixtures.Rollback().GraphUrl.ShouldBe(NotificationFixtures.Rollback().Breaches[0].GraphUrl);
        NotificationFixtures.Advanced().GraphUrl.ShouldBe(NotificationFixtures.Advanced().Guardrails[0].GraphUrl);
        NotificationFixtures.Resolved().GraphUrl.ShouldBeNull();
    }

    [Fact]
    public void The_message_keeps_its_links_through_the_outbox()
    {
        var message = NotificationFixtures.SegmentExcluded();

        var stored = NotificationMessageJson.Deserialize(NotificationMessageJson.Serialize(message));

        (stored.Runbook, stored.RolloutUrl, stored.DashboardUrl, stored.GraphUrl).ShouldBe((message.Runbook, message.RolloutUrl, message.DashboardUrl, message.GraphUrl));
        stored.ExcludedSegments.ShouldHaveSingleItem().Labels["plan"].ShouldBe("free");
        stored.Guardrails.Select(g => g.Segment).ShouldBe(message.Guardrails.Select(g => g.Segment));
        stored.Incident.ShouldBe(IncidentAction.None);
    }

    [Theory]
    [InlineData("grafana.example.com/d/rollouts")]
    [InlineData("ftp://grafana.example.com/{flag}")]
    public void A_dashboard_url_that_is_not_absolute_http_is_refused(string url) =>
        new NotificationOptionsValidator().Validate(null, new NotificationOptions { DashboardUrl = url }).Failures!
            .ShouldHaveSingleItem().ShouldBe($"RolloutController:Notifications:DashboardUrl must be an absolute http(s) URL, {{flag}} standing for the flag key (got '{url}')");

    [Fact]
    public void A_dashboard_url_with_the_flag_placeholder_is_accepted() =>
        new NotificationOptionsValidator().Validate(null, new NotificationOptions { DashboardUrl = NotificationFixtures.DashboardTemplate })
            .Succeeded.ShouldBeTrue();

    [Theory]
    [InlineData("rollouts.example.com", false)]
    [InlineData("https://rollouts.example.com", true)]
    public void The_external_url_must_be_absolute_http(string url, bool valid)
    {
        var result = new ControllerOptionsValidator().Validate(null, new ControllerOptions { ExternalUrl = url });

        result.Succeeded.ShouldBe(valid);
        if (!valid) result.Failures!.ShouldHaveSingleItem().ShouldBe($"RolloutController:ExternalUrl must be an absolute http(s) URL (got '{url}')");
    }
}
