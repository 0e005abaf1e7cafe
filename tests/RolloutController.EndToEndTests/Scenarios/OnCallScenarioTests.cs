using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using RolloutController.TestUtilities.Alertmanager;
using RolloutController.TestUtilities.PagerDuty;
using RolloutController.TestUtilities.Smtp;
using RolloutController.TestUtilities.Teams;
using RolloutController.TestUtilities.Webhooks;
using static RolloutController.EndToEndTests.Scenarios.RolloutScenario;

namespace RolloutController.EndToEndTests.Scenarios;

/// <summary>
/// On-call where on-call lives: the same rollback reaches the webhook, a real Alertmanager (through its route to its
/// receiver), PagerDuty (a local receiver validating each event against the Events API v2 schema: PagerDuty cannot run
/// here), a real SMTP server and a Teams workflow (a local receiver checking the card schema); a person's resume then
/// resolves the incident in each.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OnCallScenarioTests
{
    private const string OnCallMailbox = "oncall-payments@example.com";
    private const string RoutingKey = "R0123456789abcdef0123456789abcde";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_rollback_pages_through_Alertmanager_PagerDuty_and_email_and_a_persons_resume_resolves_it()
    {
        // Given on-call reached through Alertmanager (whose route sends the team's alerts to its receiver), e-mail and Teams, and
        // the team's critical notices paged through PagerDuty.
        await using var alertReceiver = await WebhookReceiver.StartAsync();
        await using var alertmanager = await AlertmanagerServer.StartAsync(alertReceiver.HookUrl);
        await using var pagerDuty = await PagerDutyReceiver.StartAsync();
        await using var smtp = await SmtpSink.StartAsync();
        await using var teams = await TeamsWorkflowReceiver.StartAsync();
        await using var scenario = await GivenPolicyAsync("""
                - { weight: 1, hold: 4s }
                - { weight: 10, hold: 10m }
                - { weight: 100, hold: 10m }
            """, settings: controller => new Dictionary<string, string?>(smtp.ChannelSettings("oncall", 2, OnCallMailbox))
        {
            ["RolloutController:ExternalUrl"] = controller.ToString(),
            ["RolloutController:Notifications:Routes:oncall:1:Type"] = "alertmanager",
            ["RolloutController:Notifications:Routes:oncall:1:Url"] = alertmanager.BaseUri.ToString(),
            ["RolloutController:Notifications:Alertmanager:RepostInterval"] = "00:00:02",
            ["RolloutController:Notifications:Routes:oncall:3:Type"] = "teams",
            ["RolloutController:Notifications:Routes:oncall:3:Url"] = teams.WorkflowUrl.ToString(),
            // PagerDuty is not in the policy's notify: the owner's critical notices go there by the owner map.
            ["RolloutController:Notifications:Routes:pagerduty-payments:0:Type"] = "pagerduty",
            ["RolloutController:Notifications:Routes:pagerduty-payments:0:Url"] = pagerDuty.EventsUrl.ToString(),
            ["RolloutController:Notifications:Routes:pagerduty-payments:0:RoutingKey"] = RoutingKey,
            ["RolloutController:Notifications:OwnerRoutes:team-payments:Critical:0"] = "pagerduty-payments",
        });
        await scenario.WaitForAsync(s => Stage(s) == 2 && Phase(s) == "Observing", TimeSpan.FromSeconds(60), "stage 2 (10%)");

        // When the flag-on cohort fails at 10%, the controller rolls back.
        await scenario.Service.InjectErrorsAsync(0.5);
        await scenario.WaitForAsync(s => Phase(s) == "RolledBack" && s["note"] is null, TimeSpan.FromSeconds(60), "the automatic rollback, stored");
        var notice = (await scenario.OnCall.WaitForAsync(r => r.Any(x => RampScenarioTests.Kind(x) == "rolled_back"), Wait))
            .First(x => RampScenarioTests.Kind(x) == "rolled_back").Json();
        var noticeId = notice.GetProperty("id").GetString()!;

        // Then Alertmanager has the alert, with the labels on-call routes on and the links to act on.
        var alert = (await alertmanager.WaitForAlertsAsync(a => a.Any(RolledBack), Wait, "the rollback's alert")).Single(RolledBack);
        AlertmanagerServer.Label(alert, "flag").ShouldBe(Flag);
        AlertmanagerServer.Label(alert, "owner").ShouldBe(AlertmanagerServer.RoutedOwner);
        AlertmanagerServer.Label(alert, "severity").ShouldBe("critical");
        AlertmanagerServer.Label(alert, "guardrail").ShouldBe("error-rate");
        AlertmanagerServer.Annotation(alert, "summary")!.ShouldStartWith("[CRITICAL] new-checkout: Guardrail error-rate tripped at 10%: ");
        AlertmanagerServer.Annotation(alert, "description")!.ShouldContain("rolloutctl resume new-checkout");
        AlertmanagerServer.Annotation(alert, "runbook_url").ShouldBe(Runbook);
        AlertmanagerServer.Annotation(alert, "graph")!.ShouldStartWith(scenario.Prometheus.BaseUri.ToString().TrimEnd('/') + "/graph?g0.expr=");
        AlertmanagerServer.Annotation(alert, "rollout").ShouldBe(new Uri(scenario.Controller.BaseUrl, $"rollouts/{Flag}").ToString());
        // The rollout link opens the dashboard's page (or its sign-in, for a browser without a session).
        using (var rolloutPage = await scenario.Controller.Http.GetAsync(AlertmanagerServer.Annotation(alert, "rollout")))
        {
            rolloutPage.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
            rolloutPage.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        }
        AlertmanagerServer.Annotation(alert, "notification_id").ShouldBe(noticeId);
        alert.GetProperty("status").GetProperty("state").GetString().ShouldBe("active");

        // ... it reached on-call's receiver through the Alertmanager route ...
        var firing = await alertReceiver.WaitForAsync(r => r.Any(x => Has(x, "firing")), Wait);
        firing.First(x => Has(x, "firing")).Json().GetProperty("receiver").GetString().ShouldBe("on-call");

        // ... and the controller keeps it active: re-posted, its end moves on.
        var firstEnd = alert.GetProperty("endsAt").GetDateTimeOffset();
        await alertmanager.WaitForAlertsAsync(a => a.Any(x => RolledBack(x) && x.GetProperty("endsAt").GetDateTimeOffset() > firstEnd),
            Wait, "the alert re-posted with a later end");

        // Then PagerDuty has a trigger, valid as the Events API v2 documents it, keyed to this rollout's incident. (On a
        // loaded machine the controller may have paused and resumed on slow queries before: the rollback's is the last.)
        var trigger = (await pagerDuty.WaitForAsync(r => r.Any(IsRollbackTrigger), Wait)).Last(IsRollbackTrigger);
        var triggerIndex = pagerDuty.Requests.ToList().IndexOf(trigger);
        trigger.SchemaErrors.ShouldBeEmpty();
        var triggered = trigger.Json();
        triggered.GetProperty("routing_key").GetString().ShouldBe(RoutingKey);
        var dedupKey = triggered.GetProperty("dedup_key").GetString()!;
        dedupKey.ShouldContain(Flag);
        triggered.GetProperty("payload").GetProperty("severity").GetString().ShouldBe("critical");
        triggered.GetProperty("payload").GetProperty("summary").GetString()!.ShouldStartWith("[CRITICAL] new-checkout: Guardrail error-rate");
        triggered.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("href").GetString()).ShouldContain(Runbook);

        // Then on-call has an e-mail: the headline as subject, the notice's id as Message-ID, opening the incident's thread.
        var page = await WaitForMailAsync(smtp, mails => mails.FirstOrDefault(
            m => m.Message.Subject?.StartsWith("[CRITICAL] new-checkout: Guardrail error-rate", StringComparison.Ordinal) == true));
        page.Recipients.ShouldBe([OnCallMailbox]);
        page.Message.MessageId.ShouldStartWith(noticeId + "@");
        page.Header("X-RolloutController-Delivery").ShouldBe(noticeId);
        page.Header("X-RolloutController-Incident")!.ShouldContain(Flag);
        var thread = page.Header("References")!;
        page.Text.ShouldContain("error-rate");
        page.Text.ShouldContain(Runbook);
        page.Text.ShouldContain("rolloutctl resume new-checkout");
        page.Html.ShouldContain(Runbook);

        // Then the team's chat has an Adaptive Card the Teams workflow accepts (valid against the card schema), with the runbook.
        var card = (await WaitForCardAsync(teams, "[CRITICAL] new-checkout: Guardrail error-rate"));
        card["actions"]!.AsArray().Select(a => a!["url"]?.GetValue<string>()).ShouldContain(Runbook);

        // When a person resumes the rollout,
        using (var response = await scenario.Controller.Http.PostAsJsonAsync($"api/v1/rollouts/{Flag}/resume", new { reason = "fixed in 2.4.1" }))
            response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        await scenario.WaitForAsync(s => Phase(s) == "Observing", TimeSpan.FromSeconds(30), "the restart at stage 1");

        // Then the alert resolves in Alertmanager and on-call's receiver hears so,
        await alertmanager.WaitForAlertsAsync(a => !a.Any(RolledBack), Wait, "the rollback's alert resolved");
        var resolved = (await alertReceiver.WaitForAsync(r => r.Any(x => Has(x, "resolved")), Wait)).First(x => Has(x, "resolved")).Json();
        resolved.GetProperty("alerts").EnumerateArray().Where(RolledBack).ShouldHaveSingleItem()
            .GetProperty("status").GetString().ShouldBe("resolved");

        // PagerDuty gets the resolve of the same incident (the resume is informational: it follows the incident there),
        var resolve = (await pagerDuty.WaitForAsync(r => r.Skip(triggerIndex + 1).Any(x => x.EventAction == "resolve"), Wait))
            .Skip(triggerIndex + 1).First(x => x.EventAction == "resolve");
        resolve.SchemaErrors.ShouldBeEmpty();
        resolve.Json().GetProperty("dedup_key").GetString().ShouldBe(dedupKey);
        pagerDuty.Requests.ShouldAllBe(r => r.SchemaErrors.Count == 0 && r.Json().GetProperty("dedup_key").GetString() == dedupKey);

        // and the e-mail saying so answers the page's thread.
        var answer = await WaitForMailAsync(smtp, mails => mails.SkipWhile(m => m.Message.MessageId != page.Message.MessageId).Skip(1)
            .FirstOrDefault(m => m.Header("In-Reply-To") is not null));
        answer.Header("In-Reply-To")!.ShouldBe(thread);
        answer.Header("X-RolloutController-Incident").ShouldBe(page.Header("X-RolloutController-Incident"));
    }

    private static bool RolledBack(JsonElement alert) => AlertmanagerServer.Label(alert, "alertname") == "RolloutRolledBack";

    /// <summary>An Alertmanager webhook notification of the rollback's alert with <paramref name="status"/>.</summary>
    private static bool Has(ReceivedRequest request, string status)
    {
        var body = request.Json();
        return body.GetProperty("status").GetString() == status && body.GetProperty("alerts").EnumerateArray().Any(RolledBack);
    }

    /// <summary>The card of the first Teams message whose fallback text starts with <paramref name="headline"/>, once accepted.</summary>
    private static async Task<JsonNode> WaitForCardAsync(TeamsWorkflowReceiver teams, string headline)
    {
        static JsonNode? Card(ReceivedRequest r) => JsonNode.Parse(r.Body)?["attachments"]?[0]?["content"];
        bool Matches(ReceivedRequest r) => Card(r)?["fallbackText"]?.GetValue<string>().StartsWith(headline, StringComparison.Ordinal) == true;
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            if (teams.Requests.FirstOrDefault(Matches) is { } request)
            {
                request.RespondedWith.ShouldBe(202, request.BodyText);
                return Card(request)!;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
        throw new TimeoutException($"no Teams card '{headline}…' within {Wait}; got {teams.Requests.Count} request(s)");
    }

    private static bool IsRollbackTrigger(PagerDutyRequest request) =>
        request.EventAction == "trigger" && request.Json().GetProperty("payload").GetProperty("severity").GetString() == "critical";

    /// <summary>Waits until <paramref name="which"/> picks a message from those received so far, oldest first.</summary>
    private static async Task<ReceivedMail> WaitForMailAsync(SmtpSink smtp, Func<IReadOnlyList<ReceivedMail>, ReceivedMail?> which)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            if (which(smtp.Messages()) is { } mail) return mail;
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
        throw new TimeoutException($"no such e-mail within {Wait}; got: {string.Join(" | ", smtp.Messages().Select(m => m.Message.Subject))}");
    }
}
