using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RolloutController.TestUtilities.Processes;
using RolloutController.TestUtilities.Webhooks;
using static RolloutController.EndToEndTests.Scenarios.RolloutScenario;

namespace RolloutController.EndToEndTests.Scenarios;

[Collection(EndToEndCollection.Name)]
public sealed class KillSwitchScenarioTests
{
    private const int Probes = 200;

    [Fact]
    public async Task On_call_switches_a_ramping_flag_off_with_rolloutctl_it_stays_off_across_a_crash_and_on_brings_back_the_same_share()
    {
        // Given a flag ramping at 10% under live traffic.
        await using var scenario = await GivenPolicyAsync("""
                - { weight: 1, hold: 3s }
                - { weight: 10, hold: 10m }
                - { weight: 100, hold: 10m }
            """);
        await scenario.WaitForAsync(s => Stage(s) == 2 && Phase(s) == "Observing", TimeSpan.FromSeconds(60), "stage 2 (10%)");
        var servedBefore = await scenario.Controller.CountServedOnAsync(Flag, Probes);
        servedBefore.ShouldBeGreaterThan(0);

        // When on-call switches it off with rolloutctl.
        var (exit, output) = await scenario.RolloutCtlAsync("flag", "off", Flag, "--reason", "INC-4211: checkout errors");

        // Then it answers at once, nobody is served the flag, and the ramp is paused with the reason.
        exit.ShouldBe(0, output);
        output.ShouldContain($"{Flag}: OFF");
        output.ShouldContain("rollout paused at 10%");
        (await scenario.Controller.CountServedOnAsync(Flag, Probes)).ShouldBe(0);
        var status = await scenario.Controller.StatusAsync(Flag);
        Phase(status).ShouldBe("Paused");
        status["switchedOff"]!["reason"]!.GetValue<string>().ShouldBe("INC-4211: checkout errors");
        History(status).Select(t => t["trigger"]!.GetValue<string>()).TakeLast(2).Order().ShouldBe(["pause", "switchoff"]);
        // And on-call's route hears who switched it off and why.
        var notices = await scenario.OnCall.WaitForAsync(r => r.Any(x => RampScenarioTests.Kind(x) == "switched_off"), TimeSpan.FromSeconds(30));
        var notice = notices.First(x => RampScenarioTests.Kind(x) == "switched_off");
        WebhookReceiver.HasValidSignature(notice, ControllerProcess.WebhookSecret).ShouldBeTrue();
        notice.Json().GetProperty("transition").GetProperty("reason").GetString().ShouldBe("INC-4211: checkout errors");
        notice.Json().GetProperty("next_step").GetString()!.ShouldContain($"rolloutctl flag on {Flag}");

        // When the controller crashes and starts again.
        await scenario.Controller.KillAsync();
        await scenario.Controller.StartAgainAsync();

        // Then the flag is still off, and rolloutctl status shows who switched it off.
        (await scenario.Controller.CountServedOnAsync(Flag, Probes)).ShouldBe(0);
        var (_, shown) = await scenario.RolloutCtlAsync("status", Flag);
        shown.ShouldContain("Switched:  OFF by e2e-operator");
        shown.ShouldContain("INC-4211: checkout errors");

        // When on-call switches it back on.
        (exit, output) = await scenario.RolloutCtlAsync("flag", "on", Flag, "--reason", "fixed in 2.4.1");

        // Then the same share of users gets it again, and the ramp waits for a person to resume it.
        exit.ShouldBe(0, output);
        (await scenario.Controller.CountServedOnAsync(Flag, Probes)).ShouldBe(servedBefore);
        Phase(await scenario.Controller.StatusAsync(Flag)).ShouldBe("Paused");
        using var resumed = await scenario.Controller.Http.PostAsJsonAsync($"api/v1/rollouts/{Flag}/resume", new { reason = "continue the ramp" });
        resumed.IsSuccessStatusCode.ShouldBeTrue(await resumed.Content.ReadAsStringAsync());
        Phase((await resumed.Content.ReadFromJsonAsync<JsonNode>())!).ShouldBe("Observing");
    }
}
