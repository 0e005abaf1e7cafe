using System.Globalization;
using System.Text.Json.Nodes;
using RolloutController.TestUtilities.Postgres;
using RolloutController.TestUtilities.Processes;
using RolloutController.TestUtilities.Unleash;
using RolloutController.TestUtilities.Webhooks;
using static RolloutController.EndToEndTests.Scenarios.RolloutScenario;

namespace RolloutController.EndToEndTests.Scenarios;

/// <summary>
/// The controller host drives a flag on the real unleash-server 8.2 (npm, on the test run's PostgreSQL) while live
/// traffic and a real Prometheus judge it; the real unleash-client SDK says what 20,000 users get at each step.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class UnleashScenarioTests
{
    private const string Provider = "unleash-e2e";
    private const string TokenVariable = "ROLLOUT_E2E_UNLEASH_TOKEN";
    private const int Users = 20_000;

    // The first stage at 5%, not 1%: on a loaded machine 1% of the sample service's traffic gives thin guardrail data.
    private const string Stages = """
            - { weight: 5, hold: 4s }
            - { weight: 10, hold: 10m }
            - { weight: 100, hold: 10m }
        """;

    [Fact]
    public async Task The_controller_ramps_an_unleash_flag_stage_by_stage_and_a_tripped_guardrail_turns_it_off_on_unleash()
    {
        // Given a flag on unleash-server and a policy that drives it there.
        await using var unleash = await UnleashServer.StartAsync(await PostgresServer.SharedAsync());
        await unleash.CreateFlagAsync(Flag);
        await using var scenario = await GivenPolicyAsync(Stages, settings: _ => Connection(unleash), provider: Provider);

        // When healthy traffic carries it through the first stage.
        var status = await scenario.WaitForAsync(s => Stage(s) == 2 && Phase(s) == "Observing" && PlatformServes(s, 10m),
            TimeSpan.FromSeconds(90), "stage 2 (10%), confirmed on Unleash");

        // Then Unleash serves the stage: the controller's flexibleRollout at 10%, and the SDK enables it for 10% of users.
        History(status).Select(t => $"{t["trigger"]} {t["fromWeight"]}->{t["toWeight"]}").ShouldBe(["start 0->5", "advance 5->10"]);
        var environment = await unleash.EnvironmentAsync(Flag);
        ((bool)environment["enabled"]!).ShouldBeTrue();
        var strategy = environment["strategies"]!.AsArray().Single()!;
        ((string)strategy["parameters"]!["rollout"]!).ShouldBe("10");
        status["platform"]!["ruleId"]!.GetValue<string>().ShouldBe((string)strategy["id"]!);
        var share = await UnleashShare.WhenAsync(unleash, Flag, Users, s => s.Near(0.1));
        Math.Abs(share.Enabled - Users * 0.1).ShouldBeLessThanOrEqualTo(4 * Math.Sqrt(Users * 0.1 * 0.9), $"the SDK enabled {share.Enabled}");

        // When the flag-on cohort starts failing.
        await scenario.Service.InjectErrorsAsync(0.5);

        // Then the rollout rolls back, and Unleash confirms the flag off: the SDK serves it to nobody.
        status = await scenario.WaitForAsync(s => Phase(s) == "RolledBack" && PlatformServes(s, 0m), TimeSpan.FromSeconds(60),
            "the rollback, confirmed on Unleash");
        History(status).Last()["trigger"]!.GetValue<string>().ShouldBe("rollback");
        status["platform"]!["enabled"]!.GetValue<bool>().ShouldBeFalse();
        ((bool)(await unleash.EnvironmentAsync(Flag))["enabled"]!).ShouldBeFalse("the environment is turned off");
        (await UnleashShare.WhenAsync(unleash, Flag, Users, s => s.Enabled == 0)).Enabled.ShouldBe(0);
        var notices = await scenario.OnCall.WaitForAsync(r => r.Any(x => RampScenarioTests.Kind(x) == "rolled_back"), TimeSpan.FromSeconds(30));
        notices.Select(RampScenarioTests.Kind).ShouldNotContain("rollback_not_applied", "Unleash took the rollback at once");
    }

    [Fact]
    public async Task A_rollback_unleash_cannot_take_is_pending_and_paged_then_applied_when_unleash_is_back()
    {
        // Given a flag ramping at 10% on unleash-server.
        await using var unleash = await UnleashServer.StartAsync(await PostgresServer.SharedAsync());
        await unleash.CreateFlagAsync(Flag);
        await using var scenario = await GivenPolicyAsync(Stages, settings: _ => Connection(unleash), provider: Provider);
        await scenario.WaitForAsync(s => Stage(s) == 2 && Phase(s) == "Observing" && PlatformServes(s, 10m), TimeSpan.FromSeconds(90),
            "stage 2 (10%), confirmed on Unleash");

        // When Unleash goes down as the flag-on cohort starts failing.
        await unleash.StopAsync();
        await scenario.Service.InjectErrorsAsync(0.5);

        // Then the rollout rolls back (the controller's own OFREP endpoint serves it off), the flag shows RollbackPending,
        // /metrics exposes it, and on-call is paged: rollback NOT applied.
        var status = await scenario.WaitForAsync(s => Phase(s) == "RolledBack" && PlatformStatus(s) == "RollbackPending",
            TimeSpan.FromSeconds(60), "the rollback, pending on Unleash");
        (await scenario.Controller.CountServedOnAsync(Flag, 200)).ShouldBe(0);
        var metrics = await scenario.Controller.Http.GetStringAsync("metrics");
        metrics.Split('\n').ShouldContain(l => l.StartsWith("rollout_controller_flag_platform_rollback_pending{", StringComparison.Ordinal)
            && l.Contains($"flag=\"{Flag}\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal), metrics);
        var received = await scenario.OnCall.WaitForAsync(r => r.Any(x => RampScenarioTests.Kind(x) == "rollback_not_applied"), TimeSpan.FromSeconds(30));
        var paged = received.First(x => RampScenarioTests.Kind(x) == "rollback_not_applied").Json();
        paged.GetProperty("severity").GetString().ShouldBe("critical");
        paged.GetProperty("summary").GetString()!.ShouldContain($"rollback NOT applied: '{Flag}' is still served on {Provider}");
        status["platform"]!["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();

        // When Unleash is back.
        await unleash.StartAsync();

        // Then the flag ends at 0% on Unleash, confirmed, the SDK serves it to nobody, and on-call hears it is applied.
        await scenario.WaitForAsync(s => PlatformStatus(s) == "InSync" && PlatformServes(s, 0m), TimeSpan.FromSeconds(60), "the rollback applied on Unleash");
        ((bool)(await unleash.EnvironmentAsync(Flag))["enabled"]!).ShouldBeFalse();
        (await UnleashShare.WhenAsync(unleash, Flag, Users, s => s.Enabled == 0)).Enabled.ShouldBe(0);
        received = await scenario.OnCall.WaitForAsync(r => r.Any(x => RampScenarioTests.Kind(x) == "rollback_applied"), TimeSpan.FromSeconds(30));
        received.ShouldContain(x => RampScenarioTests.Kind(x) == "rolled_back");
        received.Where(x => RampScenarioTests.Kind(x) == "rollback_not_applied").Count().ShouldBe(1, "paged once, not at every retry");
        received.ShouldAllBe(r => WebhookReceiver.HasValidSignature(r, ControllerProcess.WebhookSecret));
    }

    [Fact]
    public async Task A_change_by_hand_on_unleash_pauses_the_rollout_and_the_command_the_notice_names_overwrites_it()
    {
        // Given a flag ramping at 10% on unleash-server.
        await using var unleash = await UnleashServer.StartAsync(await PostgresServer.SharedAsync());
        await unleash.CreateFlagAsync(Flag);
        await using var scenario = await GivenPolicyAsync(Stages, settings: _ => Connection(unleash), provider: Provider);
        var status = await scenario.WaitForAsync(s => Stage(s) == 2 && Phase(s) == "Observing" && PlatformServes(s, 10m),
            TimeSpan.FromSeconds(90), "stage 2 (10%), confirmed on Unleash");
        var strategyId = status["platform"]!["ruleId"]!.GetValue<string>();

        // When someone sets the rollout to 30% by hand in Unleash.
        await unleash.SendAsync(HttpMethod.Put, $"api/admin/projects/default/features/{Flag}/environments/{UnleashServer.Environment}/strategies/{strategyId}",
            new
            {
                name = "flexibleRollout", title = "rollout-controller", constraints = Array.Empty<object>(),
                parameters = new { rollout = "30", stickiness = "default", groupId = Flag },
            });

        // Then the rollout pauses, the change stays, and on-call is told what changed, by whom, and the command.
        status = await scenario.WaitForAsync(s => Phase(s) == "Paused" && PlatformStatus(s) == "Drifted", TimeSpan.FromSeconds(30),
            "the pause on the drift");
        status["platform"]!["detail"]!.GetValue<string>().ShouldContain("rollout 10% → 30%");
        var received = await scenario.OnCall.WaitForAsync(r => r.Any(x => RampScenarioTests.Kind(x) == "paused"), TimeSpan.FromSeconds(30));
        var paused = received.First(x => RampScenarioTests.Kind(x) == "paused").Json();
        paused.GetProperty("summary").GetString()!.ShouldContain("the flag was changed on its platform, not by the controller");
        paused.GetProperty("summary").GetString()!.ShouldContain("feature-strategy-update by ");
        var nextStep = paused.GetProperty("next_step").GetString()!;
        nextStep.ShouldContain($"rolloutctl resume {Flag}");
        await Task.Delay(TimeSpan.FromSeconds(3));
        ((string)(await unleash.EnvironmentAsync(Flag))["strategies"]!.AsArray().Single()!["parameters"]!["rollout"]!).ShouldBe("30",
            "nothing is overwritten while the rollout is paused");

        // When on-call runs the command the notice names.
        var (exit, output) = await scenario.RolloutCtlAsync("resume", Flag, "--reason", "the 30% was a mistake");
        exit.ShouldBe(0, output);

        // Then the controller writes the rollout's 10% over the change, confirmed on Unleash, and the resume is recorded.
        status = await scenario.WaitForAsync(s => Phase(s) == "Observing" && PlatformStatus(s) == "InSync" && PlatformServes(s, 10m),
            TimeSpan.FromSeconds(30), "the rollout's weight written back on Unleash");
        ((string)(await unleash.EnvironmentAsync(Flag))["strategies"]!.AsArray().Single()!["parameters"]!["rollout"]!).ShouldBe("10");
        var resume = History(status).Last(t => t["trigger"]!.GetValue<string>() == "resume");
        resume["actor"]!.GetValue<string>().ShouldBe("e2e-operator");
        resume["reason"]!.GetValue<string>().ShouldBe("the 30% was a mistake");
    }

    // The connection an operator adds: reads back every second and retries within 2 s, so the test sees each step quickly.
    private static Dictionary<string, string?> Connection(UnleashServer unleash) => new()
    {
        [$"RolloutController:FlagPlatforms:{Provider}:Type"] = "unleash",
        [$"RolloutController:FlagPlatforms:{Provider}:Url"] = unleash.BaseUri.ToString(),
        [$"RolloutController:FlagPlatforms:{Provider}:TokenEnv"] = TokenVariable,
        [$"RolloutController:FlagPlatforms:{Provider}:Environment"] = UnleashServer.Environment,
        [$"RolloutController:FlagPlatforms:{Provider}:ReadInterval"] = "00:00:01",
        [$"RolloutController:FlagPlatforms:{Provider}:InitialBackoff"] = "00:00:00.500",
        [$"RolloutController:FlagPlatforms:{Provider}:MaxBackoff"] = "00:00:02",
        // The token itself is an environment variable of the controller's process, never in its configuration.
        [TokenVariable] = UnleashServer.AdminToken,
    };

    private static string? PlatformStatus(JsonNode status) => status["platform"]?["status"]?.GetValue<string>();

    private static bool PlatformServes(JsonNode status, decimal weight) =>
        status["platform"]?["servedWeight"] is JsonValue served
        && decimal.Parse(served.ToJsonString(), CultureInfo.InvariantCulture) == weight;
}
