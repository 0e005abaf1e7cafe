using System.Net;
using System.Text.Json;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>Operator commands against the running controller: their effect, their audit entry, and what rounds do after them.</summary>
[Collection(ControllerCollection.Name)]
public sealed class RolloutCommandTests(GuardrailMetricsFixture fixture)
{
    private static readonly TimeSpan RoundWait = TimeSpan.FromSeconds(10);
    private static readonly string[] Users = [.. Enumerable.Range(0, 60).Select(i => $"user-{i}")];

    private GuardrailMetrics Metrics => fixture.Metrics;

    private static JsonElement Rollout(JsonElement detail) => detail.GetProperty("rollout");

    private static JsonElement Newest(JsonElement detail) => detail.GetProperty("history")[0];

    [Fact]
    public async Task Pause_answers_the_new_state_and_records_actor_and_reason()
    {
        await using var controller = await Metrics.StartControllerAsync([TestPolicy.FourStages("audit")]);

        var detail = await controller.Api.CommandOkAsync("audit", "pause", "  investigating INC-4211  ");

        Rollout(detail).GetProperty("phase").GetString().ShouldBe("Paused");
        Rollout(detail).GetProperty("pauseReason").GetString().ShouldBe("investigating INC-4211");
        Rollout(detail).GetProperty("weight").GetDecimal().ShouldBe(1m);
        var entry = Newest(detail);
        entry.GetProperty("trigger").GetString().ShouldBe("pause");
        entry.GetProperty("from").GetString().ShouldBe("Observing");
        entry.GetProperty("to").GetString().ShouldBe("Paused");
        entry.GetProperty("actor").GetString().ShouldBe(TestTokens.OperatorName);
        entry.GetProperty("reason").GetString().ShouldBe("investigating INC-4211");

        // The same entry is what later reads show.
        Newest(await controller.Api.GetRolloutAsync("audit")).GetProperty("actor").GetString().ShouldBe(TestTokens.OperatorName);
    }

    [Fact]
    public async Task A_token_without_roles_is_refused_and_changes_nothing()
    {
        await using var controller = await Metrics.StartControllerAsync([TestPolicy.FourStages("no-roles")], setup => setup with
        {
            WithTestTokens = false,
            Overrides = new Dictionary<string, string?>
            {
                ["RolloutController:Api:Tokens:0:Name"] = "ci-pipeline",
                ["RolloutController:Api:Tokens:0:Token"] = "ci-pipeline-token-0123456789",
            },
        });

        using var response = await controller.Api.CommandAsync("no-roles", "pause", "ci-pipeline-token-0123456789", "deploy freeze");

        // Least privilege: a token is an operator only when its roles say so.
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
        var detail = await controller.Api.GetRolloutAsync("no-roles", token: null);
        Rollout(detail).GetProperty("phase").GetString().ShouldBe("Observing");
        Newest(detail).GetProperty("actor").GetString().ShouldBe("controller");
    }

    [Fact]
    public async Task Abort_serves_false_to_everyone_at_once()
    {
        await using var controller = await Metrics.StartControllerAsync([new TestPolicy("kill-me", [(50m, "1h"), (100m, "1h")])]);
        var before = await Task.WhenAll(Users.Select(u => controller.Api.EvaluateAsync("kill-me", u)));
        before.ShouldContain(true);

        var detail = await controller.Api.CommandOkAsync("kill-me", "abort", "checkout errors on mobile");

        Rollout(detail).GetProperty("phase").GetString().ShouldBe("Aborted");
        Rollout(detail).GetProperty("weight").GetDecimal().ShouldBe(0m);
        Newest(detail).GetProperty("trigger").GetString().ShouldBe("abort");
        var after = await Task.WhenAll(Users.Select(u => controller.Api.EvaluateAsync("kill-me", u)));
        after.ShouldAllBe(v => !v);
    }

    [Fact]
    public async Task Resume_after_abort_restarts_at_the_first_stage()
    {
        await using var controller = await Metrics.StartControllerAsync([new TestPolicy("restart-me", [(20m, "1s"), (40m, "1h")])]);
        await controller.Api.WaitForRolloutAsync("restart-me", d => ControllerApiClient.Stage(d) == 2, RoundWait, "stage 2");
        await controller.Api.CommandOkAsync("restart-me", "abort", "bad numbers");

        var detail = await controller.Api.CommandOkAsync("restart-me", "resume", "fixed in 1.4.2");

        Rollout(detail).GetProperty("phase").GetString().ShouldBe("Observing");
        Rollout(detail).GetProperty("stage").GetInt32().ShouldBe(1);
        Rollout(detail).GetProperty("weight").GetDecimal().ShouldBe(20m);
        var entry = Newest(detail);
        entry.GetProperty("trigger").GetString().ShouldBe("restart");
        entry.GetProperty("from").GetString().ShouldBe("Aborted");
        entry.GetProperty("toStage").GetInt32().ShouldBe(1);
        entry.GetProperty("reason").GetString().ShouldBe("fixed in 1.4.2");
        (await Task.WhenAll(Users.Select(u => controller.Api.EvaluateAsync("restart-me", u)))).ShouldContain(true);
    }

    [Fact]
    public async Task Promote_ends_the_hold_and_the_next_healthy_round_advances()
    {
        await using var controller = await Metrics.StartControllerAsync([TestPolicy.FourStages("promote-me", hold: "1h")]);

        var promoted = await controller.Api.CommandOkAsync("promote-me", "promote", "metrics look great");

        Rollout(promoted).GetProperty("stage").GetInt32().ShouldBe(1);
        Rollout(promoted).GetProperty("holdRemainingSeconds").GetDouble().ShouldBe(0);
        Newest(promoted).GetProperty("trigger").GetString().ShouldBe("promote");
        var advanced = await controller.Api.WaitForRolloutAsync("promote-me", d => ControllerApiClient.Stage(d) == 2, RoundWait, "stage 2");
        Rollout(advanced).GetProperty("weight").GetDecimal().ShouldBe(10m);
        Rollout(advanced).GetProperty("holdRemainingSeconds").GetDouble().ShouldBeGreaterThan(3500);
        var advance = Newest(advanced);
        advance.GetProperty("trigger").GetString().ShouldBe("advance");
        advance.GetProperty("actor").GetString().ShouldBe("controller");
        advance.GetProperty("reason").GetString().ShouldBe("hold ended by promote; every guardrail passed");
    }

    [Fact]
    public async Task A_paused_rollout_does_not_advance_and_resume_lets_it_continue()
    {
        await using var controller = await Metrics.StartControllerAsync([TestPolicy.FourStages("hold-still", hold: "2s")]);
        await controller.Api.CommandOkAsync("hold-still", "pause", "waiting for the release notes");

        await Task.Delay(TimeSpan.FromSeconds(4));

        var paused = await controller.Api.GetRolloutAsync("hold-still");
        Rollout(paused).GetProperty("phase").GetString().ShouldBe("Paused");
        Rollout(paused).GetProperty("stage").GetInt32().ShouldBe(1);
        // Still measured while paused: a failing guardrail would roll it back.
        Rollout(paused).GetProperty("lastMeasuredAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddSeconds(-3));

        await controller.Api.CommandOkAsync("hold-still", "resume", "notes published");
        var resumed = await controller.Api.WaitForRolloutAsync("hold-still", d => ControllerApiClient.Stage(d) == 2, RoundWait, "stage 2");
        Newest(resumed).GetProperty("trigger").GetString().ShouldBe("advance");
    }
}
