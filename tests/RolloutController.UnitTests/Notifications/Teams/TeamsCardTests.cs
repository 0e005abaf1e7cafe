using System.Text.Json.Nodes;
using RolloutController.Notifications.Teams;
using RolloutController.TestUtilities.Notifications;
using RolloutController.TestUtilities.Teams;

namespace RolloutController.UnitTests.Notifications.Teams;

public sealed class TeamsCardTests
{
    private static JsonObject Card() => TeamsCard.Card(NotificationFixtures.Rollback());

    private static IEnumerable<JsonObject> Body(JsonObject card) => card["body"]!.AsArray().Select(e => e!.AsObject());

    [Theory]
    [MemberData(nameof(WebhookGoldenTests.Fixtures), MemberType = typeof(WebhookGoldenTests))]
    public void Every_fixture_is_a_valid_adaptive_card_message(string fixture) =>
        TeamsCardSchema.Violations(TeamsCard.Build(WebhookGoldenTests.Message(fixture))).ShouldBeEmpty();

    [Fact]
    public void A_digest_is_a_valid_adaptive_card_message_listing_each_advance()
    {
        var body = TeamsCard.Build(NotificationFixtures.Digest());

        TeamsCardSchema.Violations(body).ShouldBeEmpty();
        var facts = body["attachments"]![0]!["content"]!["body"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == "FactSet")
            .SelectMany(f => f!["facts"]!.AsArray().Select(x => x!["title"]!.GetValue<string>()))
            .ToList();
        facts.ShouldContain("new-checkout (team-payments)");
        facts.ShouldContain("search-v2 (team-payments)");
        facts.ShouldNotContain("Stage");
    }

    [Fact]
    public void The_schema_refuses_what_the_published_one_refuses()
    {
        var unknownProperty = TeamsCard.Build(NotificationFixtures.Rollback());
        unknownProperty["attachments"]![0]!["content"]!["body"]![1]!["colour"] = "red";
        TeamsCardSchema.Violations(unknownProperty).ShouldNotBeEmpty();

        var newerVersion = TeamsCard.Build(NotificationFixtures.Rollback());
        newerVersion["attachments"]![0]!["content"]!["version"] = "1.5";
        TeamsCardSchema.Violations(newerVersion).ShouldNotBeEmpty();

        var linkWithoutUrl = TeamsCard.Build(NotificationFixtures.Rollback());
        linkWithoutUrl["attachments"]![0]!["content"]!["actions"]![0]!.AsObject().Remove("url");
        TeamsCardSchema.Violations(linkWithoutUrl).ShouldNotBeEmpty();
    }

    [Fact]
    public void The_envelope_is_a_message_with_one_adaptive_card_1_4()
    {
        var body = TeamsCard.Build(NotificationFixtures.Rollback());

        body["type"]!.GetValue<string>().ShouldBe("message");
        var attachment = body["attachments"]!.AsArray().ShouldHaveSingleItem()!;
        attachment["contentType"]!.GetValue<string>().ShouldBe("application/vnd.microsoft.card.adaptive");
        attachment["content"]!["type"]!.GetValue<string>().ShouldBe("AdaptiveCard");
        attachment["content"]!["version"]!.GetValue<string>().ShouldBe("1.4");
        attachment["content"]!["fallbackText"]!.GetValue<string>()
            .ShouldBe("[CRITICAL] new-checkout: Guardrail error-rate tripped at 10%: 0.034 (max 0.01)");
    }

    [Fact]
    public void Buttons_open_the_runbook_the_rollout_the_graph_and_the_dashboard()
    {
        var actions = Card()["actions"]!.AsArray().Select(a => (a!["type"]!.GetValue<string>(), a["title"]!.GetValue<string>(), a["url"]!.GetValue<string>())).ToList();

        actions[0].ShouldBe(("Action.OpenUrl", "Runbook", NotificationFixtures.ErrorRateRunbook));
        actions[1].ShouldBe(("Action.OpenUrl", "Rollout", "https://rollouts.example.com/rollouts/new-checkout"));
        actions[2].Item2.ShouldBe("Graph");
        actions[2].Item3.ShouldStartWith("https://prometheus.example.com/graph?g0.expr=sum%28rate%28http_requests_total");
        actions[3].ShouldBe(("Action.OpenUrl", "Dashboard", "https://grafana.example.com/d/rollouts?var-flag=new-checkout"));
        actions.Count.ShouldBeLessThanOrEqualTo(TeamsCard.MaxActions);
    }

    [Fact]
    public void Facts_and_evidence_carry_the_numbers_and_segments()
    {
        var facts = Body(Card()).Where(e => e["type"]!.GetValue<string>() == "FactSet")
            .SelectMany(f => f["facts"]!.AsArray().Select(x => (x!["title"]!.GetValue<string>(), x["value"]!.GetValue<string>())))
            .ToList();

        facts.ShouldContain(("Stage", "2 of 4"));
        facts.ShouldContain(("Weight", "10% → 0%"));
        facts.ShouldContain(("Owner", "team-payments"));
        facts.ShouldContain(("error-rate", "fail: 0.034 (max 0.01)"));
        facts.ShouldContain(("checkout-conversion plan=\"free\"", "fail: 0.024 (min 0.03)"));
    }

    [Fact]
    public void The_banner_is_red_for_critical_and_green_when_the_incident_is_over()
    {
        Body(Card()).First()["style"]!.GetValue<string>().ShouldBe("attention");
        Body(TeamsCard.Card(NotificationFixtures.Resolved())).First()["style"]!.GetValue<string>().ShouldBe("good");
        Body(TeamsCard.Card(NotificationFixtures.SegmentExcluded())).First()["style"]!.GetValue<string>().ShouldBe("warning");
        Body(TeamsCard.Card(NotificationFixtures.Advanced())).First()["style"]!.GetValue<string>().ShouldBe("emphasis");
    }
}
