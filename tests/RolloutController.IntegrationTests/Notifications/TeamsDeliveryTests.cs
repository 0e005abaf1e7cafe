using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RolloutController.TestUtilities.Notifications;
using RolloutController.TestUtilities.Processes;
using RolloutController.TestUtilities.Teams;

namespace RolloutController.IntegrationTests.Notifications;

/// <summary>
/// The <c>teams</c> channel through the outbox and dispatcher, against a local stand-in for a Teams Workflows webhook
/// that checks every body against the Adaptive Card message schema and answers as Workflows do (Teams cannot run here).
/// </summary>
public sealed class TeamsDeliveryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static async Task<DispatcherHost> StartAsync(Uri url, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Routes:team:0:Type"] = "teams",
            ["Routes:team:0:Url"] = url.ToString(),
            ["Routes:team:0:Timeout"] = "00:00:02",
            ["RolloutController:ExternalUrl"] = "https://rollouts.example.com",
            ["DashboardUrl"] = NotificationFixtures.DashboardTemplate,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        return await DispatcherHost.StartAsync(settings);
    }

    private static async Task SendAndWaitAsync(DispatcherHost host)
    {
        await host.Dispatcher.EnqueueAsync(NotificationFixtures.RollbackNotice(), NotificationFixtures.Policy("team"), CancellationToken.None);
        await host.Store.WaitUntilAsync(s => s.NotificationAttempts.Any(a => a.Outcome is "delivered" or "abandoned"), Wait);
    }

    [Fact]
    public async Task A_rollback_is_an_adaptive_card_the_workflow_accepts()
    {
        await using var teams = await TeamsWorkflowReceiver.StartAsync();
        await using var host = await StartAsync(teams.WorkflowUrl);

        await SendAndWaitAsync(host);

        var request = teams.Requests.ShouldHaveSingleItem();
        request.RespondedWith.ShouldBe(202, request.BodyText);
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        var card = JsonNode.Parse(request.Body)!["attachments"]![0]!["content"]!;
        card["version"]!.GetValue<string>().ShouldBe("1.4");
        card["fallbackText"]!.GetValue<string>().ShouldStartWith("[CRITICAL] new-checkout:");
        card["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()).Take(4).ShouldBe(["Runbook", "Rollout", "Graph", "Dashboard"]);
        card["actions"]![1]!["url"]!.GetValue<string>().ShouldBe("https://rollouts.example.com/rollouts/new-checkout");
        var attempt = host.Store.NotificationAttempts.ShouldHaveSingleItem();
        attempt.ShouldBe(attempt with { Channel = "teams[0]", Attempt = 1, Outcome = "delivered", StatusCode = 202, Error = null });
        host.Deliveries.ShouldContain(("teams", "team", "delivered", 1L));
    }

    [Fact]
    public async Task The_receiver_refuses_a_card_outside_the_schema_as_the_workflow_does()
    {
        await using var teams = await TeamsWorkflowReceiver.StartAsync();
        using var client = new HttpClient();
        const string Bad = """{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard","version":"1.4","body":[{"type":"Table"}]}}]}""";

        using var response = await client.PostAsync(teams.WorkflowUrl, new StringContent(Bad, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        error["code"]!.GetValue<string>().ShouldBe(TeamsWorkflowReceiver.SchemaMismatch);
        error["message"]!.GetValue<string>().ShouldContain("/attachments/0/content/body/0");
    }

    [Fact]
    public async Task A_refusal_is_abandoned_with_the_answer_and_never_the_url()
    {
        await using var teams = await TeamsWorkflowReceiver.StartAsync();
        teams.FailNext(1, 400);
        await using var host = await StartAsync(teams.WorkflowUrl);

        await SendAndWaitAsync(host);

        var attempt = host.Store.NotificationAttempts.ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe("abandoned");
        attempt.StatusCode.ShouldBe(400);
        attempt.Error.ShouldBe("HTTP 400: {\"error\":{\"code\":\"Scripted\",\"message\":\"scripted failure 400\"}}");
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_wait_teams_asks_for()
    {
        await using var teams = await TeamsWorkflowReceiver.StartAsync();
        teams.FailNext(1, 429, retryAfter: TimeSpan.FromSeconds(1));
        await using var host = await StartAsync(teams.WorkflowUrl, new Dictionary<string, string?> { ["MaxBackoff"] = "00:00:05" });

        await SendAndWaitAsync(host);

        var requests = teams.Requests;
        requests.Select(r => r.RespondedWith).ShouldBe([429, 202]);
        (requests[1].At - requests[0].At).ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task A_webhook_that_is_down_is_retried_and_the_error_names_the_host_only()
    {
        var teams = await TeamsWorkflowReceiver.StartAsync();
        var url = teams.WorkflowUrl;
        await teams.DisposeAsync();
        await using var host = await StartAsync(url);

        await SendAndWaitAsync(host);

        var attempts = host.Store.NotificationAttempts;
        attempts.Select(a => a.Outcome).ShouldBe(["failed", "failed", "failed", "abandoned"]);
        attempts.ShouldAllBe(a => a.Error!.StartsWith("cannot reach 127.0.0.1:") && !a.Error.Contains("sig="));
    }

    [Fact]
    public async Task Microsofts_adaptive_cards_sdk_parses_every_committed_card() =>
        (await NodeTestRun.RunAsync("teams", "adaptivecards")).ShouldContain("# pass 7");
}
