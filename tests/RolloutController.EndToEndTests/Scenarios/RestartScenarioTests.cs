using static RolloutController.EndToEndTests.Scenarios.RolloutScenario;

namespace RolloutController.EndToEndTests.Scenarios;

[Collection(EndToEndCollection.Name)]
public sealed class RestartScenarioTests
{
    [Fact]
    public async Task A_controller_killed_mid_ramp_resumes_at_the_same_stage_with_the_hold_already_served_and_not_the_downtime()
    {
        await using var scenario = await GivenPolicyAsync("""
                - { weight: 1, hold: 3s }
                - { weight: 10, hold: 30s }
                - { weight: 100, hold: 3s }
            """);
        await scenario.WaitForAsync(s => Stage(s) == 2 && Phase(s) == "Observing", TimeSpan.FromSeconds(60), "stage 2 (10%)");
        var before = await scenario.WaitForAsync(s => Remaining(s) < 22, TimeSpan.FromSeconds(30), "8 s of the 10% hold to be served");

        await scenario.Controller.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(6));
        await scenario.Controller.StartAgainAsync();

        var after = await scenario.Controller.StatusAsync(Flag);
        Stage(after).ShouldBe(2, "same stage after the restart");
        Phase(after).ShouldBe("Observing");
        // The hold already served is kept — not reset to 30 s — and the time the controller was down (6 s and more)
        // is not credited: nobody was watching the guardrails then.
        Remaining(after).ShouldBeInRange(Remaining(before) - 3, Remaining(before) + 1);

        var done = await scenario.WaitForAsync(s => Phase(s) == "Completed", TimeSpan.FromSeconds(90), "completion after the restart");
        History(done).Select(t => t["trigger"]!.GetValue<string>()).ShouldBe(["start", "advance", "advance", "complete"]);
    }

    private static double Remaining(System.Text.Json.Nodes.JsonNode status) =>
        status["rollout"]!["holdRemainingSeconds"]?.GetValue<double>() ?? double.NaN;
}
