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
        await SetRolloutByHandAsync(unleash, strategyId, 30);

        // Then the rollout pauses, the change stays, and on-call is told what changed, by whom, and the command.
        status = await scenario.WaitForAsync(s => Phase(s) == "Paused" && PlatformStatus(s) == "Drifted", TimeSpan.FromSeconds(30),
            "the pause on the drift");
        status["platform"]!["detail"]!.GetValue<string>().ShouldContain("rollout 10% → 30%");
        var received = await scenario.OnCall.WaitForAsync(r => r.Any(x => RampScenarioTests.Kind(x) == "paused"), TimeSpan.FromSeconds(30));
        var paused = received.First(x => RampScenarioTests.Kind(x) == "paused").Json();
        paused.GetProperty("summary").GetString()!.ShouldContain("the flag was changed on its platform, not by the controller");
        paused.GetProperty("summary").GetString()!.ShouldContain("feature-strategy-update by ");
        var nextStep = paused.GetProperty("next_step").GetString()!;
        nextStep.ShouldContain($"rolloutctl adopt {Flag}");
        nextStep.ShouldContain($"rolloutctl resume {Flag}");
        nextStep.ShouldContain($"rolloutctl abort {Flag}");
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

    [Fact]
    public async Task A_change_by_hand_on_unleash_adopted_is_served_from_then_on_and_the_ramp_goes_on_above_it()
    {
        // Given a flag ramping at 10% on unleash-server (stages 5, 10, 50, 100), and a release manager.
        await using var unleash = await UnleashServer.StartAsync(await PostgresServer.SharedAsync());
        await unleash.CreateFlagAsync(Flag);
        await using var scenario = await GivenPolicyAsync(AdoptStages, settings: _ => WithPeople(unleash), provider: Provider);
        var status = await scenario.WaitForAsync(s => Stage(s) == 2 && Phase(s) == "Observing" && PlatformServes(s, 10m),
            TimeSpan.FromSeconds(90), "stage 2 (10%), confirmed on Unleash");
        var strategyId = status["platform"]!["ruleId"]!.GetValue<string>();

        // When someone sets the rollout to 30% by hand in Unleash.
        await SetRolloutByHandAsync(unleash, strategyId, 30);

        // Then the rollout pauses and everything on-call reads names the three answers: adopt, resume, abort.
        await scenario.WaitForAsync(s => Phase(s) == "Paused" && PlatformStatus(s) == "Drifted", TimeSpan.FromSeconds(30), "the pause on the drift");
        var received = await scenario.OnCall.WaitForAsync(r => r.Any(x => RampScenarioTests.Kind(x) == "paused"), TimeSpan.FromSeconds(30));
        var nextStep = received.First(x => RampScenarioTests.Kind(x) == "paused").Json().GetProperty("next_step").GetString()!;
        nextStep.ShouldStartWith($"To keep the change and go on from it: rolloutctl adopt {Flag} --reason");
        var (exit, shown) = await scenario.RolloutCtlAsync("status", Flag);
        exit.ShouldBe(0, shown);
        shown.ShouldContain($"adopt: keep the change and go on from it (when the ramp can serve it; switched off: the kill switch): rolloutctl adopt {Flag}");
        shown.ShouldContain($"resume: overwrite the change with the rollout's 10% on {Provider}: rolloutctl resume {Flag}");
        shown.ShouldContain($"abort: turn the flag off: rolloutctl abort {Flag}");
        status = await scenario.Controller.StatusAsync(Flag);
        status["permitted"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldContain("adopt");

        // When an operator tries, and then a release manager adopts it.
        (exit, var refused) = await scenario.RolloutCtlAsync("adopt", Flag, "--reason", "keep it");
        exit.ShouldBe(4, refused);
        (exit, var adopted) = await scenario.RolloutCtlWithTokenAsync(ReleaseManagerToken, "adopt", Flag, "--reason", "30% agreed for the load test");
        exit.ShouldBe(0, adopted);

        // Then the controller serves and reports 30%, held in stage 2 with a fresh hold, and writes nothing over it.
        status = await scenario.WaitForAsync(s => Phase(s) == "Observing" && PlatformStatus(s) == "InSync" && PlatformServes(s, 30m),
            TimeSpan.FromSeconds(30), "the adopted 30%, in sync");
        (Stage(status), status["rollout"]!["weight"]!.GetValue<decimal>()).ShouldBe((2, 30m));
        status["rollout"]!["holdRemainingSeconds"]!.GetValue<double>().ShouldBeGreaterThan(500, "the stage's hold starts again");
        var adopt = History(status).Last();
        (adopt["trigger"]!.GetValue<string>(), adopt["actor"]!.GetValue<string>(), adopt["fromWeight"]!.GetValue<decimal>(), adopt["toWeight"]!.GetValue<decimal>())
            .ShouldBe(("adopt", "alice", 10m, 30m));
        adopt["reason"]!.GetValue<string>().ShouldStartWith($"adopt 30% from {Provider} (rollout 10% → 30%");
        adopt["reason"]!.GetValue<string>().ShouldEndWith("): 30% agreed for the load test");
        var share = await UnleashShare.WhenAsync(unleash, Flag, Users, s => s.Near(0.3));
        Math.Abs(share.Enabled - Users * 0.3).ShouldBeLessThanOrEqualTo(4 * Math.Sqrt(Users * 0.3 * 0.7), $"the SDK enabled {share.Enabled}");
        await Task.Delay(TimeSpan.FromSeconds(3));
        ((string)(await unleash.EnvironmentAsync(Flag))["strategies"]!.AsArray().Single()!["parameters"]!["rollout"]!).ShouldBe("30",
            "an adopted change is not overwritten");
        Phase(await scenario.Controller.StatusAsync(Flag)).ShouldBe("Observing", "the adopted state is not drift: it does not pause again");
        received = await scenario.OnCall.WaitForAsync(r => r.Any(x => RampScenarioTests.Kind(x) == "drift_adopted"), TimeSpan.FromSeconds(30));
        received.First(x => RampScenarioTests.Kind(x) == "drift_adopted").Json().GetProperty("summary").GetString()
            .ShouldBe($"'{Flag}' adopted 30% from {Provider} (alice): the change made by hand stays");
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(scenario.Controller.BaseUrl, "api/v1/audit?limit=1000")))
        {
            request.Headers.Authorization = new("Bearer", AdminToken);
            using var client = new HttpClient();
            using var response = await client.SendAsync(request);
            var audit = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var entries = (audit as JsonArray ?? audit["entries"]!.AsArray()).Select(e => e!).ToList();
            var entry = entries.Single(e => e["action"]!.GetValue<string>() == "adopt");
            (entry["actor"]!.GetValue<string>(), entry["role"]!.GetValue<string>(), entry["after"]!.GetValue<string>())
                .ShouldBe(("alice", "release-manager", "Observing stage 2 at 30%"));
        }

        // When the hold is ended, the next advance goes to the first stage above the adopted weight: 50%, on Unleash too.
        (exit, var promoted) = await scenario.RolloutCtlWithTokenAsync(ReleaseManagerToken, "promote", Flag, "--reason", "load test done");
        exit.ShouldBe(0, promoted);
        status = await scenario.WaitForAsync(s => Stage(s) == 3 && PlatformStatus(s) == "InSync" && PlatformServes(s, 50m),
            TimeSpan.FromSeconds(60), "stage 3 (50%), confirmed on Unleash");
        History(status).Last()["trigger"]!.GetValue<string>().ShouldBe("advance");
        History(status).Last()["fromWeight"]!.GetValue<decimal>().ShouldBe(30m);
        ((string)(await unleash.EnvironmentAsync(Flag))["strategies"]!.AsArray().Single()!["parameters"]!["rollout"]!).ShouldBe("50");
    }

    [Fact]
    public async Task The_environment_switched_off_by_hand_on_unleash_adopted_is_the_kill_switch_and_nothing_is_written()
    {
        // Given a flag ramping at 10% on unleash-server, and a release manager.
        await using var unleash = await UnleashServer.StartAsync(await PostgresServer.SharedAsync());
        await unleash.CreateFlagAsync(Flag);
        await using var scenario = await GivenPolicyAsync(AdoptStages, settings: _ => WithPeople(unleash), provider: Provider);
        await scenario.WaitForAsync(s => Stage(s) == 2 && Phase(s) == "Observing" && PlatformServes(s, 10m), TimeSpan.FromSeconds(90),
            "stage 2 (10%), confirmed on Unleash");

        // When someone switches the environment off by hand, the rollout pauses on it, and a release manager adopts it.
        await unleash.SendAsync(HttpMethod.Post, $"api/admin/projects/default/features/{Flag}/environments/{UnleashServer.Environment}/off");
        await scenario.WaitForAsync(s => Phase(s) == "Paused" && PlatformStatus(s) == "Drifted", TimeSpan.FromSeconds(30), "the pause on the drift");
        var (exit, adopted) = await scenario.RolloutCtlWithTokenAsync(ReleaseManagerToken, "adopt", Flag, "--reason", "off until the incident is over");
        exit.ShouldBe(0, adopted);

        // Then the flag's kill switch is off under the release manager's name, Unleash is in sync and left as it was, the rollout
        // stays paused at its weight.
        var status = await scenario.WaitForAsync(s => s["switchedOff"] is JsonObject && PlatformStatus(s) == "InSync", TimeSpan.FromSeconds(30),
            "the kill switch, in sync with Unleash");
        status["switchedOff"]!["actor"]!.GetValue<string>().ShouldBe("alice");
        status["switchedOff"]!["reason"]!.GetValue<string>().ShouldStartWith($"adopt off from {Provider} (the environment was switched off");
        status["switchedOff"]!["reason"]!.GetValue<string>().ShouldEndWith("): off until the incident is over");
        (Phase(status), status["rollout"]!["weight"]!.GetValue<decimal>()).ShouldBe(("Paused", 10m));
        var environment = await unleash.EnvironmentAsync(Flag);
        ((bool)environment["enabled"]!).ShouldBeFalse();
        ((string)environment["strategies"]!.AsArray().Single()!["parameters"]!["rollout"]!).ShouldBe("10");
        History(status).Last()["trigger"]!.GetValue<string>().ShouldBe("switchoff");
    }

    private const string ReleaseManagerToken = "e2e-alice-release-manager-token";

    // The connection, a release manager (alice) and an auditor (admin, to read the audit log).
    private static Dictionary<string, string?> WithPeople(UnleashServer unleash) => new(Connection(unleash))
    {
        ["RolloutController:Api:Tokens:1:Name"] = "alice",
        ["RolloutController:Api:Tokens:1:Token"] = ReleaseManagerToken,
        ["RolloutController:Api:Tokens:1:Roles:0"] = "release-manager",
        ["RolloutController:Api:Tokens:2:Name"] = "auditor",
        ["RolloutController:Api:Tokens:2:Token"] = AdminToken,
        ["RolloutController:Api:Tokens:2:Roles:0"] = "admin",
    };
    private const string AdminToken = "e2e-auditor-admin-token";

    // Stage 2 holds long enough for a change by hand, and the adopted stage's hold restarts at its full length.
    private const string AdoptStages = """
            - { weight: 5, hold: 4s }
            - { weight: 10, hold: 10m }
            - { weight: 50, hold: 10m }
            - { weight: 100, hold: 10m }
        """;

    private static Task SetRolloutByHandAsync(UnleashServer unleash, string strategyId, int rollout) =>
        unleash.SendAsync(HttpMethod.Put, $"api/admin/projects/default/features/{Flag}/environments/{UnleashServer.Environment}/strategies/{strategyId}",
            new
            {
                name = "flexibleRollout", title = "rollout-controller", constraints = Array.Empty<object>(),
                parameters = new { rollout = rollout.ToString(CultureInfo.InvariantCulture), stickiness = "default", groupId = Flag },
            });

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
}
