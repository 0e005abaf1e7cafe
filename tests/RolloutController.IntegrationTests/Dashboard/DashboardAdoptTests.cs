using System.Net;
using System.Text.Json.Nodes;
using RolloutController.IntegrationTests.Api;
using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.LaunchDarkly;

namespace RolloutController.IntegrationTests.Dashboard;

/// <summary>
/// Adopt through the real host, on a flag driven on the LaunchDarkly contract server: the page and the API name the three
/// answers while the rollout is paused on a change by hand, the page's adopt button takes the API's path, and a platform that
/// does not answer refuses the adopt with 503 and changes nothing.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class DashboardAdoptTests(GuardrailMetricsFixture fixture)
{
    private const string Flag = "dash-adopt";
    private const string Page = $"/rollouts/{Flag}";
    private const string Provider = "ld-test";
    private const string TokenVariable = "ROLLOUT_TEST_LD_ADOPT_TOKEN";

    [Fact]
    public async Task A_change_by_hand_is_adopted_from_the_page_and_a_platform_that_does_not_answer_refuses_it()
    {
        var ld = await LaunchDarklyContractServer.StartAsync();
        ld.AddFlag(Flag);
        Environment.SetEnvironmentVariable(TokenVariable, ld.Token);
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages(Flag) with { Provider = Provider }], setup => setup with
        {
            Overrides = new Dictionary<string, string?>
            {
                [$"RolloutController:FlagPlatforms:{Provider}:Type"] = "launchdarkly",
                [$"RolloutController:FlagPlatforms:{Provider}:Url"] = ld.BaseUri.ToString(),
                [$"RolloutController:FlagPlatforms:{Provider}:TokenEnv"] = TokenVariable,
                [$"RolloutController:FlagPlatforms:{Provider}:Environment"] = ld.Environment,
                [$"RolloutController:FlagPlatforms:{Provider}:ReadInterval"] = "00:00:01",
                [$"RolloutController:FlagPlatforms:{Provider}:InitialBackoff"] = "00:00:00.200",
                [$"RolloutController:FlagPlatforms:{Provider}:MaxBackoff"] = "00:00:01",
            },
        });
        try
        {
            await controller.Api.WaitForRolloutAsync(Flag, d => d.GetProperty("platform").GetProperty("status").GetString() == "InSync",
                TimeSpan.FromSeconds(30), "stage 1 confirmed on LaunchDarkly");
            ld.ChangeByHand(Flag, "alice@example.com", "30% for the load test", env =>
                env["fallthrough"]!["rollout"]!["variations"] = new JsonArray(
                    new JsonObject { ["variation"] = 0, ["weight"] = 30_000 }, new JsonObject { ["variation"] = 1, ["weight"] = 70_000 }));
            var paused = await controller.Api.WaitForRolloutAsync(Flag,
                d => ControllerApiClient.Phase(d) == "Paused" && d.GetProperty("platform").GetProperty("status").GetString() == "Drifted",
                TimeSpan.FromSeconds(30), "the pause on the drift");
            paused.GetProperty("permitted").EnumerateArray().Select(e => e.GetString()).ShouldContain("adopt");
            paused.GetProperty("platform").GetProperty("answers").EnumerateArray().Select(a => a.GetString()![..a.GetString()!.IndexOf(':')])
                .ShouldBe(["adopt", "resume", "abort"]);

            using var browser = new DashboardClient(controller);
            (await browser.SignInAsync(TestTokens.Operator, Page)).Dispose();
            var (_, html, _) = await browser.GetAsync(Page);
            html.ShouldContain("<button type=\"submit\" name=\"action\" value=\"adopt\">Adopt the change made by hand</button>");
            html.ShouldContain("adopt: keep the change and go on from it");

            // The platform does not answer: the adopt is refused, and nothing changes.
            ld.Down = true;
            using (var down = await controller.Api.CommandAsync(Flag, "adopt", TestTokens.Operator, "keep 30%"))
            {
                var problem = await ProblemDetails.ReadAsync(down);
                (problem.Status, problem.Title).ShouldBe((HttpStatusCode.ServiceUnavailable, "flag platform unavailable"));
                problem.Detail.ShouldStartWith($"not applied: reading '{Flag}' on {Provider} failed: ");
            }
            ControllerApiClient.Phase(await controller.Api.GetRolloutAsync(Flag)).ShouldBe("Paused");
            ld.Down = false;
            var writes = ld.Requests.Count(r => r.Method == "PATCH");

            var (status, done, _) = await browser.PostAsync(Page,
                [new("__form_token", DashboardClient.FormToken(html)), new("action", "adopt"), new("reason", "30% agreed")]);
            status.ShouldBe(HttpStatusCode.OK, done);
            done.ShouldContain("Done: adopt, recorded in the history with your name and reason.");
            var adopted = await controller.Api.WaitForRolloutAsync(Flag, d => d.GetProperty("platform").GetProperty("status").GetString() == "InSync",
                TimeSpan.FromSeconds(30), "the adopted state confirmed");
            (ControllerApiClient.Phase(adopted), adopted.GetProperty("rollout").GetProperty("weight").GetDecimal(), adopted.GetProperty("rollout").GetProperty("stage").GetInt32())
                .ShouldBe(("Observing", 30m, 2));
            await Task.Delay(TimeSpan.FromSeconds(2));
            ld.Requests.Count(r => r.Method == "PATCH").ShouldBe(writes, "nothing is written over the adopted change");
            ld.ServedPercent(Flag).ShouldBe(30m);
        }
        finally
        {
            await ld.DisposeAsync();
        }
    }
}
