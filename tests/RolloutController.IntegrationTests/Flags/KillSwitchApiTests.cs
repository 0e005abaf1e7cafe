using System.Net;
using System.Text.Json;
using RolloutController.IntegrationTests.Api;
using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.IntegrationTests.Flags;

/// <summary>The kill switch through the real host on SQLite: any flag, served at once, audited, stored across a restart, refused cleanly.</summary>
[Collection(ControllerCollection.Name)]
public sealed class KillSwitchApiTests(GuardrailMetricsFixture fixture)
{
    private const string OpsFlag = "recommendations.enabled";
    private const string Ramped = "ramped";
    private static readonly string[] Users = [.. Enumerable.Range(0, 60).Select(i => $"user-{i}")];

    private const string KillSwitchYaml = """
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata:
          name: recommendations-killswitch
          owner: team-discovery
          type: ops
          reason: Turn off recommendations when their service degrades
        spec:
          key: recommendations.enabled
          variants: { enabled: true, killed: false }
          defaultVariant: killed
          fallthrough: { variant: enabled }
        """;

    private async Task<RunningController> StartAsync(Func<ControllerSetup, ControllerSetup>? configure = null)
    {
        var controller = await fixture.Metrics.StartControllerAsync([new TestPolicy(Ramped, [(50m, "1h"), (100m, "1h")])], configure);
        await File.WriteAllTextAsync(Path.Combine(controller.PoliciesDirectory, "killswitch.yaml"), KillSwitchYaml);
        await WaitAsync(async () => (await controller.Api.EvaluateJsonAsync(OpsFlag, new { targetingKey = "u" })).ValueKind == JsonValueKind.Object,
            "the flag document loaded");
        return controller;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited 15 s for {what}");
            await Task.Delay(100);
        }
    }

    private static async Task<ProblemDetails> ProblemAsync(RunningController controller, string flag, string action, string? token, string? reason)
    {
        using var response = await controller.Api.SwitchAsync(flag, action, token, reason);
        return await ProblemDetails.ReadAsync(response);
    }

    [Fact]
    public async Task An_ops_flag_without_a_policy_is_switched_off_for_everyone_with_the_reason_and_back_on()
    {
        await using var controller = await StartAsync();

        var off = await controller.Api.SwitchOkAsync(OpsFlag, "off", "  INC-4211: recommendations time out  ");

        off.GetProperty("switchedOff").GetProperty("actor").GetString().ShouldBe(TestTokens.OperatorName);
        off.GetProperty("switchedOff").GetProperty("reason").GetString().ShouldBe("INC-4211: recommendations time out");
        off.GetProperty("defaultVariant").GetString().ShouldBe("killed");
        var served = await controller.Api.EvaluateJsonAsync(OpsFlag, new { targetingKey = "user-1" });
        (served.GetProperty("variant").GetString(), served.GetProperty("reason").GetString(), served.GetProperty("value").GetBoolean())
            .ShouldBe(("killed", "DISABLED", false));
        served.GetProperty("metadata").GetProperty("switchedOff").GetBoolean().ShouldBeTrue();
        served.GetProperty("metadata").GetProperty("switchReason").GetString().ShouldBe("INC-4211: recommendations time out");
        var history = (await controller.Api.GetFlagAsync(OpsFlag)).GetProperty("history");
        (history[0].GetProperty("trigger").GetString(), history[0].GetProperty("actor").GetString()).ShouldBe(("switchoff", TestTokens.OperatorName));

        var on = await controller.Api.SwitchOkAsync(OpsFlag, "on", "service recovered");

        on.GetProperty("switchedOff").ValueKind.ShouldBe(JsonValueKind.Null);
        var back = await controller.Api.EvaluateJsonAsync(OpsFlag, new { targetingKey = "user-1" });
        (back.GetProperty("variant").GetString(), back.GetProperty("reason").GetString()).ShouldBe(("enabled", "STATIC"));
        back.GetProperty("metadata").TryGetProperty("switchedOff", out _).ShouldBeFalse();
        (await controller.Api.GetFlagAsync(OpsFlag)).GetProperty("history").EnumerateArray().Select(t => t.GetProperty("trigger").GetString())
            .ShouldBe(["switchon", "switchoff"]);
    }

    [Fact]
    public async Task A_flag_under_rollout_is_off_everywhere_its_ramp_pauses_resume_is_refused_and_on_serves_the_weight_again()
    {
        await using var controller = await StartAsync();
        var before = await Task.WhenAll(Users.Select(u => controller.Api.EvaluateAsync(Ramped, u)));
        before.ShouldContain(true);

        var off = await controller.Api.SwitchOkAsync(Ramped, "off", "INC-7: checkout errors");

        off.GetProperty("rolloutNote").GetString().ShouldBe("rollout paused at 50%");
        (await Task.WhenAll(Users.Select(u => controller.Api.EvaluateAsync(Ramped, u)))).ShouldAllBe(v => !v);
        var rollout = await controller.Api.GetRolloutAsync(Ramped);
        ControllerApiClient.Phase(rollout).ShouldBe("Paused");
        rollout.GetProperty("rollout").GetProperty("pauseReason").GetString().ShouldBe("flag switched off: INC-7: checkout errors");
        rollout.GetProperty("switchedOff").GetProperty("reason").GetString().ShouldBe("INC-7: checkout errors");
        rollout.GetProperty("history").EnumerateArray().Select(t => t.GetProperty("trigger").GetString()).Take(2).Order()
            .ShouldBe(["pause", "switchoff"]);

        using (var resume = await controller.Api.CommandAsync(Ramped, "resume", TestTokens.Operator, "try again"))
        {
            var refused = await ProblemDetails.ReadAsync(resume);
            refused.Status.ShouldBe(HttpStatusCode.Conflict);
            refused.Detail!.ShouldContain("rolloutctl flag on ramped");
        }

        var on = await controller.Api.SwitchOkAsync(Ramped, "on", "fixed in 2.4.1");

        on.GetProperty("rolloutNote").GetString()!.ShouldContain("rollout still paused");
        (await Task.WhenAll(Users.Select(u => controller.Api.EvaluateAsync(Ramped, u)))).ShouldBe(before);
        ControllerApiClient.Phase(await controller.Api.GetRolloutAsync(Ramped)).ShouldBe("Paused");
        ControllerApiClient.Phase(await controller.Api.CommandOkAsync(Ramped, "resume", "continue")).ShouldBe("Observing");
    }

    [Fact]
    public async Task A_switch_off_is_stored_a_restart_serves_it_and_the_owners_route_is_told()
    {
        await using var chat = await WebhookReceiver.StartAsync();
        await using var controller = await StartAsync(setup => setup with
        {
            Overrides = new Dictionary<string, string?>
            {
                ["RolloutController:Notifications:Routes:discovery-chat:0:Type"] = "webhook",
                ["RolloutController:Notifications:Routes:discovery-chat:0:Url"] = chat.HookUrl.ToString(),
                ["RolloutController:Notifications:Routes:discovery-chat:0:Secret"] = "whsec_test_0123456789abcdef",
                ["RolloutController:Notifications:OwnerRoutes:team-discovery:Warning:0"] = "discovery-chat",
                ["RolloutController:Notifications:OwnerRoutes:team-discovery:Info:0"] = "discovery-chat",
            },
        });

        await controller.Api.SwitchOkAsync(OpsFlag, "off", "INC-9");
        await controller.RestartAsync();

        (await controller.Api.EvaluateJsonAsync(OpsFlag, new { targetingKey = "user-1" })).GetProperty("reason").GetString().ShouldBe("DISABLED");
        (await controller.Api.GetFlagAsync(OpsFlag)).GetProperty("switchedOff").GetProperty("reason").GetString().ShouldBe("INC-9");
        var received = await chat.WaitForAsync(r => r.Count >= 1, TimeSpan.FromSeconds(20));
        var notice = received[0].Json();
        (notice.GetProperty("kind").GetString(), notice.GetProperty("severity").GetString()).ShouldBe(("switched_off", "warning"));
        notice.GetProperty("flag").GetProperty("owner").GetString().ShouldBe("team-discovery");
        notice.GetProperty("transition").GetProperty("actor").GetString().ShouldBe(TestTokens.OperatorName);
        notice.GetProperty("transition").GetProperty("reason").GetString().ShouldBe("INC-9");
    }

    [Fact]
    public async Task Bad_switches_are_refused_with_a_clear_error_and_change_nothing()
    {
        await using var controller = await StartAsync();

        var unknown = await ProblemAsync(controller, "no-such-flag", "off", TestTokens.Operator, "why");
        var noReason = await ProblemAsync(controller, OpsFlag, "off", TestTokens.Operator, "   ");
        var noToken = await ProblemAsync(controller, OpsFlag, "off", null, "why");
        var viewer = await ProblemAsync(controller, OpsFlag, "off", TestTokens.Viewer, "why");
        var badAction = await ProblemAsync(controller, OpsFlag, "toggle", TestTokens.Operator, "why");
        var notOff = await ProblemAsync(controller, OpsFlag, "on", TestTokens.Operator, "why");

        (unknown.Status, unknown.Detail).ShouldBe((HttpStatusCode.NotFound, "no Flag document or policy in force declares flag 'no-such-flag'"));
        (noReason.Status, noReason.Title).ShouldBe((HttpStatusCode.BadRequest, "reason required"));
        noToken.Status.ShouldBe(HttpStatusCode.Unauthorized);
        viewer.Status.ShouldBe(HttpStatusCode.Forbidden);
        (badAction.Status, badAction.Detail).ShouldBe((HttpStatusCode.NotFound, "'toggle' is not one of off, on"));
        (notOff.Status, notOff.Detail).ShouldBe((HttpStatusCode.Conflict, $"flag '{OpsFlag}' is not switched off"));
        await controller.Api.SwitchOkAsync(OpsFlag, "off", "INC-1");
        var twice = await ProblemAsync(controller, OpsFlag, "off", TestTokens.Operator, "again");
        twice.Status.ShouldBe(HttpStatusCode.Conflict);
        twice.Detail!.ShouldContain("is already switched off (by release-manager");

        var flag = await controller.Api.GetFlagAsync(OpsFlag);
        flag.GetProperty("history").GetArrayLength().ShouldBe(1);
        flag.GetProperty("switchedOff").GetProperty("reason").GetString().ShouldBe("INC-1");
    }
}
