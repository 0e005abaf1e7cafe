using RolloutController.TestUtilities.Webhooks;
using static RolloutController.EndToEndTests.Scenarios.RolloutScenario;

namespace RolloutController.EndToEndTests.Scenarios;

[Collection(EndToEndCollection.Name)]
public sealed class RampScenarioTests
{
    private const int Probes = 200;

    [Fact]
    public async Task Healthy_metrics_ramp_the_flag_through_every_stage_to_completion()
    {
        await using var scenario = await GivenPolicyAsync("""
                - { weight: 1, hold: 10s }
                - { weight: 10, hold: 6s }
                - { weight: 50, hold: 6s }
                - { weight: 100, hold: 4s }
            """);

        // The weight served over OFREP is checked at every stage while the ramp runs (the first hold is longer: it also
        // covers the time from the policy's load to the first status this test reads). A count is kept only when the
        // rollout is still at the same stage after it: on a busy machine the probes can outlast a hold, and a count that
        // straddles an advance mixes two weights.
        var servedByStage = new Dictionary<int, int>();
        var straddled = new List<int>();
        var status = await scenario.WaitForAsync(s =>
        {
            if (Phase(s) == "Observing" && !servedByStage.ContainsKey(Stage(s)))
            {
                var on = scenario.Controller.CountServedOnAsync(Flag, Probes).GetAwaiter().GetResult();
                var after = scenario.Controller.StatusAsync(Flag).GetAwaiter().GetResult();
                if (Stage(after) == Stage(s) && Phase(after) == "Observing") servedByStage[Stage(s)] = on;
                else straddled.Add(Stage(s));
            }
            return Phase(s) == "Completed";
        }, TimeSpan.FromSeconds(120), "the rollout to complete");

        status["rollout"]!["weight"]!.GetValue<decimal>().ShouldBe(100m);
        (await scenario.Controller.CountServedOnAsync(Flag, Probes)).ShouldBe(Probes);
        servedByStage.Keys.Order().ToArray().ShouldBe([1, 2, 3, 4], customMessage: $"stages whose {Probes} probes outlasted the hold: {string.Join(", ", straddled)}");
        ShareOf(servedByStage[1]).ShouldBeLessThan(0.05);
        ShareOf(servedByStage[2]).ShouldBeInRange(0.03, 0.2);
        ShareOf(servedByStage[3]).ShouldBeInRange(0.4, 0.6);
        servedByStage[4].ShouldBe(Probes);

        // The persisted history: started, advanced stage by stage, completed — no stage skipped or repeated.
        History(status).Select(t => $"{t["trigger"]} {t["fromWeight"]}->{t["toWeight"]}").ShouldBe(
            ["start 0->1", "advance 1->10", "advance 10->50", "advance 50->100", "complete 100->100"]);
        foreach (var guardrail in status["guardrails"]!.AsArray())
            guardrail!["last"]!["verdict"]!.GetValue<string>().ShouldBe("pass", guardrail.ToJsonString());

        var received = await scenario.OnCall.WaitForAsync(r => r.Any(x => Kind(x) == "completed"), TimeSpan.FromSeconds(20));
        received.Select(Kind).ShouldContain("advanced");
        received.ShouldAllBe(r => WebhookReceiver.HasValidSignature(r, TestUtilities.Processes.ControllerProcess.WebhookSecret));
    }

    private static double ShareOf(int on) => on / (double)Probes;

    internal static string Kind(ReceivedRequest request) => request.Json().GetProperty("kind").GetString()!;
}
