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

    private static NotificationMessage RollbackMessage() =>
        NotificationMessageBuilder.Build(SampleNotices.Rollback(), SampleNotices.Policy(), Prometheus, "ntf-1", SampleNotices.At.AddSeconds(2));

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
        m.Summary.ShouldContain("error-rate");
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
        var m = NotificationMessageBuilder.Build(notice, SampleNotices.Policy(), Prometheus, "id", SampleNotices.At);
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
}
