using RolloutController.Rollouts;

namespace RolloutController.UnitTests.Rollouts;

public sealed class NoticeRoutingTests
{
    private static readonly OwnerRouting Routing = new(
        new Dictionary<string, SeverityRoutes>
        {
            ["team-payments"] = new(["pagerduty-payments"], ["slack-payments"], ["slack-payments"]),
            ["team-search"] = new(["pagerduty-search"], [], []),
        },
        new SeverityRoutes(["pagerduty-platform"], ["slack-releases"], []));

    [Theory]
    [InlineData("Critical", new[] { "pagerduty-payments" })]
    [InlineData("Warning", new[] { "slack-payments" })]
    [InlineData("Info", new[] { "slack-payments" })]
    public void An_owner_listed_gets_the_routes_of_the_notices_severity(string severity, string[] expected) =>
        NoticeRouting.RoutesFor(Enum.Parse<NoticeSeverity>(severity), "team-payments", [], Routing).ShouldBe(expected);

    [Fact]
    public void An_owner_not_listed_gets_the_default_entry() =>
        NoticeRouting.RoutesFor(NoticeSeverity.Critical, "team-growth", [], Routing).ShouldBe(["pagerduty-platform"]);

    [Fact]
    public void A_severity_without_routes_goes_nowhere_but_to_notify() =>
        NoticeRouting.RoutesFor(NoticeSeverity.Info, "team-search", ["releases"], Routing).ShouldBe(["releases"]);

    [Fact]
    public void Notify_adds_to_the_owners_routes_each_route_once_in_order()
    {
        NoticeRouting.RoutesFor(NoticeSeverity.Critical, "team-payments", ["oncall-payments", "PagerDuty-Payments"], Routing)
            .ShouldBe(["oncall-payments", "PagerDuty-Payments"]);
        NoticeRouting.RoutesFor(NoticeSeverity.Warning, "team-payments", ["oncall-payments"], Routing)
            .ShouldBe(["oncall-payments", "slack-payments"]);
    }

    [Fact]
    public void Owners_compare_case_insensitively() =>
        NoticeRouting.RoutesFor(NoticeSeverity.Critical, "Team-Payments", [], Routing).ShouldBe(["pagerduty-payments"]);

    [Fact]
    public void Without_an_owner_map_only_notify_counts() =>
        NoticeRouting.RoutesFor(NoticeSeverity.Critical, "team-payments", ["oncall"], OwnerRouting.None).ShouldBe(["oncall"]);

    [Fact]
    public void A_notice_that_closes_an_incident_reaches_the_owners_routes_of_every_severity()
    {
        NoticeRouting.RoutesFor(NoticeSeverity.Info, "team-payments", ["oncall"], Routing, IncidentAction.Resolve)
            .ShouldBe(["oncall", "pagerduty-payments", "slack-payments"]);
        NoticeRouting.RoutesFor(NoticeSeverity.Info, "team-growth", [], Routing, IncidentAction.Resolve)
            .ShouldBe(["pagerduty-platform", "slack-releases"]);
        // Opening or neither: by severity only.
        NoticeRouting.RoutesFor(NoticeSeverity.Info, "team-payments", [], Routing, IncidentAction.None).ShouldBe(["slack-payments"]);
        NoticeRouting.RoutesFor(NoticeSeverity.Critical, "team-payments", [], Routing, IncidentAction.Trigger).ShouldBe(["pagerduty-payments"]);
    }
}
