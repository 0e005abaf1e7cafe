using System.Text.Json.Nodes;
using RolloutController.TestUtilities.LaunchDarkly;
using RolloutController.TestUtilities.Processes;
using RolloutController.TestUtilities.Webhooks;
using static RolloutController.EndToEndTests.Scenarios.RolloutScenario;

namespace RolloutController.EndToEndTests.Scenarios;

/// <summary>
/// The controller host drives a flag on "LaunchDarkly" — the contract server, since LaunchDarkly cannot run here, which
/// checks every request against LaunchDarkly's published API documentation — while live traffic and a real Prometheus
/// judge it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LaunchDarklyScenarioTests
{
    private const string Provider = "ld-e2e";
    private const string TokenVariable = "ROLLOUT_E2E_LD_TOKEN";

    private const string Stages = """
            - { weight: 5, hold: 4s }
            - { weight: 10, hold: 10m }
            - { weight: 100, hold: 10m }
        """;

    [Fact]
    public async Task The_controller_ramps_a_launchdarkly_flag_and_a_tripped_guardrail_turns_targeting_off_with_the_reason()
    {
        // Given a boolean flag on LaunchDarkly and a policy that drives it there.
        await using var ld = await LaunchDarklyContractServer.StartAsync();
        ld.AddFlag(Flag);
        await using var scenario = await GivenPolicyAsync(Stages, settings: _ => Connection(ld), provider: Provider);

        // When healthy traffic carries it through the first stage.
        var status = await scenario.WaitForAsync(s => Stage(s) == 2 && Phase(s) == "Observing" && PlatformServes(s, 10m),
            TimeSpan.FromSeconds(90), "stage 2 (10%), confirmed on LaunchDarkly");

        // Then LaunchDarkly serves the stage, and its history says why.
        History(status).Select(t => $"{t["trigger"]} {t["fromWeight"]}->{t["toWeight"]}").ShouldBe(["start 0->5", "advance 5->10"]);
        ld.ServedPercent(Flag).ShouldBe(10m);
        Comments(ld).ShouldContain(c => c.StartsWith($"stage 2 of {Flag}: 10% (held 4s", StringComparison.Ordinal));

        // When the flag-on cohort starts failing.
        await scenario.Service.InjectErrorsAsync(0.5);

        // Then the rollout rolls back, LaunchDarkly confirms targeting off, and the patch's comment names the guardrail.
        // (A rollback is shown as soon as it is served; its history entry follows once the store has it.)
        status = await scenario.WaitForAsync(s => Phase(s) == "RolledBack" && PlatformServes(s, 0m) && PlatformStatus(s) == "InSync"
                && History(s).Any(t => t["trigger"]!.GetValue<string>() == "rollback"),
            TimeSpan.FromSeconds(60), "the rollback, confirmed on LaunchDarkly and stored");
        History(status).Last()["trigger"]!.GetValue<string>().ShouldBe("rollback");
        ((bool)ld.EnvironmentOf(Flag)["on"]!).ShouldBeFalse("targeting is turned off");
        Comments(ld).Last().ShouldStartWith($"rollback of {Flag} to 0%: ");
        Comments(ld).Last().ShouldContain("error-rate");
        var notices = await scenario.OnCall.WaitForAsync(r => r.Any(x => RampScenarioTests.Kind(x) == "rolled_back"), TimeSpan.FromSeconds(30));
        notices.Select(RampScenarioTests.Kind).ShouldNotContain("rollback_not_applied", "LaunchDarkly took the rollback at once");
        ld.Violations.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_rollback_launchdarkly_cannot_take_is_pending_and_paged_once_then_applied_when_it_is_back()
    {
        // Given a flag ramping at 10% on LaunchDarkly.
        await using var ld = await LaunchDarklyContractServer.StartAsync();
        ld.AddFlag(Flag);
        await using var scenario = await GivenPolicyAsync(Stages, settings: _ => Connection(ld), provider: Provider);
        await scenario.WaitForAsync(s => Stage(s) == 2 && Phase(s) == "Observing" && PlatformServes(s, 10m), TimeSpan.FromSeconds(90),
            "stage 2 (10%), confirmed on LaunchDarkly");

        // When LaunchDarkly cannot be reached as the flag-on cohort starts failing.
        ld.Down = true;
        await scenario.Service.InjectErrorsAsync(0.5);

        // Then the rollout rolls back, the flag shows RollbackPending in the API and /metrics, and on-call is paged.
        await scenario.WaitForAsync(s => Phase(s) == "RolledBack" && PlatformStatus(s) == "RollbackPending", TimeSpan.FromSeconds(60),
            "the rollback, pending on LaunchDarkly");
        var metrics = await scenario.Controller.Http.GetStringAsync("metrics");
        metrics.Split('\n').ShouldContain(l => l.StartsWith("rollout_controller_flag_platform_rollback_pending{", StringComparison.Ordinal)
            && l.Contains($"flag=\"{Flag}\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal), metrics);
        var received = await scenario.OnCall.WaitForAsync(r => r.Any(x => RampScenarioTests.Kind(x) == "rollback_not_applied"), TimeSpan.FromSeconds(30));
        received.First(x => RampScenarioTests.Kind(x) == "rollback_not_applied").Json().GetProperty("severity").GetString().ShouldBe("critical");

        // When LaunchDarkly is back.
        ld.Down = false;

        // Then targeting ends off there, confirmed, on-call hears it is applied, and was paged once.
        await scenario.WaitForAsync(s => PlatformStatus(s) == "InSync" && PlatformServes(s, 0m), TimeSpan.FromSeconds(60),
            "the rollback applied on LaunchDarkly");
        ((bool)ld.EnvironmentOf(Flag)["on"]!).ShouldBeFalse();
        received = await scenario.OnCall.WaitForAsync(r => r.Any(x => RampScenarioTests.Kind(x) == "rollback_applied"), TimeSpan.FromSeconds(30));
        received.Count(x => RampScenarioTests.Kind(x) == "rollback_not_applied").ShouldBe(1, "paged once, not at every retry");
        received.ShouldAllBe(r => WebhookReceiver.HasValidSignature(r, ControllerProcess.WebhookSecret));
        ld.Violations.ShouldBeEmpty();
    }

    private static List<string> Comments(LaunchDarklyContractServer ld) =>
        ld.Requests.Where(r => r.Method == "PATCH" && r.Status == 200).Select(r => (string)JsonNode.Parse(r.Body)!["comment"]!).ToList();

    // The connection an operator adds (reads back every second, retries within 2 s); the URL only because this is not
    // app.launchdarkly.com.
    private static Dictionary<string, string?> Connection(LaunchDarklyContractServer ld) => new()
    {
        [$"RolloutController:FlagPlatforms:{Provider}:Type"] = "launchdarkly",
        [$"RolloutController:FlagPlatforms:{Provider}:Url"] = ld.BaseUri.ToString(),
        [$"RolloutController:FlagPlatforms:{Provider}:TokenEnv"] = TokenVariable,
        [$"RolloutController:FlagPlatforms:{Provider}:Environment"] = ld.Environment,
        [$"RolloutController:FlagPlatforms:{Provider}:ReadInterval"] = "00:00:01",
        [$"RolloutController:FlagPlatforms:{Provider}:InitialBackoff"] = "00:00:00.500",
        [$"RolloutController:FlagPlatforms:{Provider}:MaxBackoff"] = "00:00:02",
        [TokenVariable] = ld.Token,
    };
}
