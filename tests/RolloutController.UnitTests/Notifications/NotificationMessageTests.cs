using RolloutController.Metrics;
using RolloutController.Metrics.Prometheus;
using RolloutController.Analysis;
using RolloutController.Notifications;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Fakes;

namespace RolloutController.UnitTests.Notifications;

public sealed class NotificationMessageTests
{
    private static readonly Uri Prometheus = new("https://prometheus.example.com/");
    private static readonly IQueryLinks Links = TestLinks.Prometheus("http://prometheus:9090", externalUrl: Prometheus.ToString());

    private static NotificationMessage RollbackMessage() =>
        NotificationMessageBuilder.Build(SampleNotices.Rollback(), SampleNotices.Policy(), Links, "ntf-1", SampleNotices.At.AddSeconds(2));

    [Fact]
    public void Rollback_message_carries_everything_on_call_needs()
    {
        var m = RollbackMessage();

        m.Id.ShouldBe("ntf-1");
        m.At.ShouldBe(SampleNotices.At.AddSeconds(2));
        m.FlagKey.ShouldBe("new-checkout");
        m.PolicyName.ShouldBe("new-checkout-rollout");
        m.Owner.ShouldBe("team-payments");
        m.FlagType.ShouldBe(FlagType.Release);
        m.PolicyReason.ShouldBe("New checkout flow (PAY-1234)");
        m.Severity.ShouldBe(NoticeSeverity.Critical);
        m.Kind.ShouldBe(NoticeKind.RolledBack);
        m.StageText.ShouldBe("2 of 4");
        m.WeightBefore.ShouldBe(10m);
        m.WeightAfter.ShouldBe(0m);
        m.WeightText.ShouldBe("10% → 0%");
        m.Summary.ShouldBe("'new-checkout' rolled back to 0% from 10%: guardrail error-rate failed");
        m.Action.ShouldStartWith("Rolled back to 0%");
        m.NextStep.ShouldContain("rolloutctl restart new-checkout");
        m.FailingSince.ShouldBe(SampleNotices.At.AddMinutes(-1));
        m.Transition.Actor.ShouldBe("controller");
        m.Transition.Reason.ShouldBe("guardrail error-rate failed 2 times in a row");
        m.Headline.ShouldBe("[CRITICAL] new-checkout: Guardrail error-rate tripped at 10%: 0.034 (max 0.01)");

        var breach = m.Breaches.ShouldHaveSingleItem();
        breach.Name.ShouldBe("error-rate");
        breach.Value.ShouldBe(0.034);
        breach.Threshold.ShouldBe("max 0.01");
        breach.ValueVersusThreshold.ShouldBe("0.034 (max 0.01)");
        breach.ConsecutiveFailures.ShouldBe(2);
        breach.FailureLimit.ShouldBe(2);
        breach.FailingSince.ShouldBe(SampleNotices.At.AddMinutes(-1));
        breach.Query.ShouldBe(SampleNotices.ErrorRateQuery);
        breach.GraphUrl.ShouldBe(PrometheusGraphLink.Build(Prometheus, SampleNotices.ErrorRateQuery));

        m.Guardrails.Select(g => (g.Name, g.Verdict, g.Value)).ShouldBe(
            [("error-rate", Verdict.Fail, 0.034), ("p99-latency", Verdict.Pass, 0.42)]);
        m.Guardrails.ShouldAllBe(g => g.ConsecutiveFailures == null);
    }

    [Fact]
    public void Stage_is_the_one_entered_for_an_advance()
    {
        var notice = SampleNotices.Rollback() with
        {
            Kind = NoticeKind.Advanced,
            Breaches = [],
            Transition = SampleNotices.Rollback().Transition with { FromStage = 1, ToStage = 2, FromWeight = 10m, ToWeight = 50m },
        };
        var m = NotificationMessageBuilder.Build(notice, SampleNotices.Policy(), Links, "id", SampleNotices.At);
        m.StageText.ShouldBe("3 of 4");
        m.WeightText.ShouldBe("10% → 50%");
        m.FailingSince.ShouldBeNull();
    }

    [Fact]
    public void Graph_link_urlencodes_the_query_and_keeps_a_route_prefix()
    {
        PrometheusGraphLink.Build(new Uri("http://localhost:9090"), "sum(rate(x{a=\"b\"}[5m])) / 2")
            .ShouldBe("http://localhost:9090/graph?g0.expr=sum%28rate%28x%7Ba%3D%22b%22%7D%5B5m%5D%29%29%20%2F%202&g0.tab=0&g0.range_input=1h");
        PrometheusGraphLink.Build(new Uri("https://ops.example.com/prometheus/"), "up")
            .ShouldBe("https://ops.example.com/prometheus/graph?g0.expr=up&g0.tab=0&g0.range_input=1h");
    }

    [Fact]
    public void Headline_shows_every_tripped_guardrail_with_its_value_and_bound()
    {
        var notice = SampleNotices.Rollback();
        var latency = notice.Measurements[1] with { Verdict = Verdict.Fail, Value = 0.93 };
        notice = notice with { Breaches = [.. notice.Breaches, new BreachEvidence(latency, 3, 3, SampleNotices.At)] };

        var m = NotificationMessageBuilder.Build(notice, SampleNotices.Policy(), Links, "id", SampleNotices.At);

        m.Headline.ShouldBe("[CRITICAL] new-checkout: Guardrails tripped at 10%: error-rate 0.034 (max 0.01), p99-latency 0.93 (max 0.8)");
    }

    [Fact]
    public void Headline_without_a_tripped_guardrail_is_the_summary()
    {
        var notice = SampleNotices.Rollback() with
        {
            Kind = NoticeKind.Paused,
            Severity = NoticeSeverity.Warning,
            Summary = "'new-checkout' paused at 10%: metrics queries failed 3 rounds in a row (limit 3)",
            Breaches = [],
        };

        var m = NotificationMessageBuilder.Build(notice, SampleNotices.Policy(), Links, "id", SampleNotices.At);

        m.Headline.ShouldBe("[WARNING] new-checkout: 'new-checkout' paused at 10%: metrics queries failed 3 rounds in a row (limit 3)");
    }

    [Fact]
    public void Graph_links_use_the_external_url_else_the_prometheus_url()
    {
        var query = SampleNotices.ErrorRateQuery;
        TestLinks.Prometheus("http://prometheus:9090", externalUrl: "https://ops.example.com/prometheus").GraphLink(query)
            .ShouldBe(PrometheusGraphLink.Build(new Uri("https://ops.example.com/prometheus/"), query));
        TestLinks.Prometheus("http://prometheus:9090").GraphLink(query)
            .ShouldBe(PrometheusGraphLink.Build(new Uri("http://prometheus:9090/"), query));
    }

    [Fact]
    public void Without_a_metrics_backend_a_message_has_no_graph_links()
    {
        var m = NotificationMessageBuilder.Build(SampleNotices.Rollback(), SampleNotices.Policy(), new NoQueryLinks(), "id", SampleNotices.At);

        m.Guardrails.ShouldAllBe(g => g.GraphUrl == null);
    }
}
