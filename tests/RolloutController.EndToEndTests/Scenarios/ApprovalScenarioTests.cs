using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using static RolloutController.EndToEndTests.Scenarios.RolloutScenario;

namespace RolloutController.EndToEndTests.Scenarios;

/// <summary>A stage that needs two approvals, through the real host: the hold, the approvers' notice, who may approve (not who resumed it).</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ApprovalScenarioTests
{
    private const string AliceToken = "e2e-alice-release-manager-token";
    private const string BobToken = "e2e-bob-release-manager-token";
    private const string CarolToken = "e2e-carol-release-manager-token";

    [Fact]
    public async Task A_stage_waits_for_two_distinct_release_managers_who_are_asked_with_the_evidence_and_the_command()
    {
        await using var scenario = await GivenPolicyAsync("""
                - { weight: 1, hold: 2s }
                - { weight: 100, hold: 2s }
            """,
            settings: _ => new Dictionary<string, string?>
            {
                ["RolloutController:Api:Tokens:1:Name"] = "alice",
                ["RolloutController:Api:Tokens:1:Token"] = AliceToken,
                ["RolloutController:Api:Tokens:1:Roles:0"] = "release-manager",
                ["RolloutController:Api:Tokens:2:Name"] = "bob",
                ["RolloutController:Api:Tokens:2:Token"] = BobToken,
                ["RolloutController:Api:Tokens:2:Roles:0"] = "release-manager",
                ["RolloutController:Api:Tokens:3:Name"] = "carol",
                ["RolloutController:Api:Tokens:3:Token"] = CarolToken,
                ["RolloutController:Api:Tokens:3:Roles:0"] = "release-manager",
            },
            specYaml: "  approvals: { before: [100], required: 2, from: [release-manager] }\n");

        var waiting = await scenario.WaitForAsync(s => s["blocked"]!.AsArray().Any(b => b!.GetValue<string>().StartsWith(
            "waiting for approval to go to 100%: 0 of 2 given; rolloutctl approve new-checkout", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(90), "the stage to wait for approval");
        Stage(waiting).ShouldBe(1);
        waiting["approvalsRequired"]!.GetValue<int>().ShouldBe(2);
        var asked = await scenario.OnCall.WaitForAsync(r => r.Any(x => RampScenarioTests.Kind(x) == "approval_needed"), TimeSpan.FromSeconds(30));
        var notice = asked.First(x => RampScenarioTests.Kind(x) == "approval_needed").Json();
        notice.GetProperty("summary").GetString().ShouldBe("'new-checkout' at 1% waits for approval to go to 100%");
        notice.GetProperty("next_step").GetString()!.ShouldContain("rolloutctl approve new-checkout --reason");
        notice.GetProperty("guardrails").GetArrayLength().ShouldBe(3);

        // The operator token may not approve: approving is a release manager's.
        using (var refused = await scenario.Controller.Http.PostAsJsonAsync($"api/v1/rollouts/{Flag}/approve", new { reason = "me" }))
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // Carol pauses and resumes it: she may then not approve it herself.
        (await SendAsync(scenario, CarolToken, "pause", "checking the dashboards")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SendAsync(scenario, CarolToken, "resume", "dashboards checked")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var self = await ApproveAsync(scenario, CarolToken, "I resumed it, so it is fine"))
        {
            self.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await self.Content.ReadAsStringAsync()).ShouldContain("'carol' started or last resumed this rollout and may not approve it");
        }
        (await ApproveAsync(scenario, AliceToken, "dashboards green")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var again = await ApproveAsync(scenario, AliceToken, "still green"))
        {
            again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await again.Content.ReadAsStringAsync()).ShouldContain("'alice' has approved this stage already");
        }
        Stage(await scenario.Controller.StatusAsync(Flag)).ShouldBe(1);
        (await ApproveAsync(scenario, BobToken, "payments sign-off")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var done = await scenario.WaitForAsync(s => Phase(s) == "Completed", TimeSpan.FromSeconds(60), "the approved rollout to complete");
        History(done).Where(t => t["trigger"]!.GetValue<string>() == "approve")
            .Select(t => $"{t["actor"]}: {t["reason"]}").ShouldBe(["alice: dashboards green", "bob: payments sign-off"]);
        History(done).Select(t => t["trigger"]!.GetValue<string>()).ShouldContain("advance");
    }

    private static Task<HttpResponseMessage> ApproveAsync(RolloutScenario scenario, string token, string reason) =>
        SendAsync(scenario, token, "approve", reason);

    private static async Task<HttpResponseMessage> SendAsync(RolloutScenario scenario, string token, string action, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/rollouts/{Flag}/{action}") { Content = JsonContent.Create(new { reason }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await scenario.Controller.Http.SendAsync(request);
    }
}
