using RolloutController.TestUtilities.Processes;
using RolloutController.TestUtilities.Webhooks;
using static RolloutController.EndToEndTests.Scenarios.RolloutScenario;

namespace RolloutController.EndToEndTests.Scenarios;

[Collection(EndToEndCollection.Name)]
public sealed class RollbackScenarioTests
{
    [Fact]
    public async Task Errors_injected_at_ten_percent_roll_the_flag_back_and_page_on_call_with_the_evidence()
    {
        await using var scenario = await GivenPolicyAsync("""
                - { weight: 1, hold: 4s }
                - { weight: 10, hold: 10m }
                - { weight: 100, hold: 10m }
            """);
        await scenario.WaitForAsync(s => Stage(s) == 2 && Phase(s) == "Observing", TimeSpan.FromSeconds(60), "stage 2 (10%)");
        (await scenario.Controller.CountServedOnAsync(Flag, 200)).ShouldBeGreaterThan(0);

        await scenario.Service.InjectErrorsAsync(0.5);
        // Served at once, stored right after: the status notes a rollback not stored yet, so wait for it to be stored.
        var status = await scenario.WaitForAsync(s => Phase(s) == "RolledBack" && s["note"] is null, TimeSpan.FromSeconds(60), "the automatic rollback, stored");

        // Served: nobody gets the flag any more.
        status["rollout"]!["weight"]!.GetValue<decimal>().ShouldBe(0m);
        (await scenario.Controller.CountServedOnAsync(Flag, 200)).ShouldBe(0);

        // Persisted: the rollback, by the controller, from 10% to 0%, naming the guardrail.
        var rollback = History(status).Last();
        rollback["trigger"]!.GetValue<string>().ShouldBe("rollback");
        (rollback["fromWeight"]!.GetValue<decimal>(), rollback["toWeight"]!.GetValue<decimal>()).ShouldBe((10m, 0m));
        rollback["actor"]!.GetValue<string>().ShouldBe("controller");
        rollback["reason"]!.GetValue<string>().ShouldContain("error-rate");

        // Notified: signed, critical, with the value, the bound, the query, a graph link and how to resume.
        var received = await scenario.OnCall.WaitForAsync(r => r.Any(x => RampScenarioTests.Kind(x) == "rolled_back"), TimeSpan.FromSeconds(30));
        var notice = received.First(x => RampScenarioTests.Kind(x) == "rolled_back");
        WebhookReceiver.HasValidSignature(notice, ControllerProcess.WebhookSecret).ShouldBeTrue();
        var json = notice.Json();
        json.GetProperty("severity").GetString().ShouldBe("critical");
        json.GetProperty("stage").GetProperty("weight_before").GetDecimal().ShouldBe(10m);
        json.GetProperty("stage").GetProperty("weight_after").GetDecimal().ShouldBe(0m);
        var breach = json.GetProperty("breaches")[0];
        breach.GetProperty("name").GetString().ShouldBe("error-rate");
        breach.GetProperty("value").GetDouble().ShouldBeGreaterThan(0.05);
        breach.GetProperty("threshold").GetString().ShouldBe("max 0.05");
        breach.GetProperty("query").GetString()!.ShouldContain("flag=\"new-checkout\"");
        breach.GetProperty("graph_url").GetString()!.ShouldStartWith(scenario.Prometheus.BaseUri.ToString().TrimEnd('/') + "/graph?g0.expr=");
        json.GetProperty("next_step").GetString()!.ShouldContain("rolloutctl resume new-checkout");
        json.GetProperty("flag").GetProperty("owner").GetString().ShouldBe("team-payments");
    }
}
