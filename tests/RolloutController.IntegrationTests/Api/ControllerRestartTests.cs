using System.Text.Json;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>Stopping the controller and starting it again on the same SQLite file continues every rollout where it was.</summary>
[Collection(ControllerCollection.Name)]
public sealed class ControllerRestartTests(GuardrailMetricsFixture fixture)
{
    private const string Flag = "survives-restart";
    private static readonly TimeSpan RoundWait = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(3);

    // Stage 2 is held long enough to outlast the restart, so the test sees whether its hold continues or starts over.
    private static readonly TestPolicy Policy = new(Flag, [(1m, "2s"), (10m, "8s"), (50m, "1h")]);

    private static JsonElement Rollout(JsonElement detail) => detail.GetProperty("rollout");

    [Fact]
    public async Task Restart_resumes_at_the_same_stage_keeping_the_hold_served()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([Policy]);
        var atStage2 = await controller.Api.WaitForRolloutAsync(Flag, d => ControllerApiClient.Stage(d) == 2, RoundWait, "stage 2");
        var stage2Started = Rollout(atStage2).GetProperty("stageStartedAt").GetDateTimeOffset();

        var stoppedAt = DateTimeOffset.UtcNow;
        await controller.StopAsync();
        await Task.Delay(Downtime);
        await controller.RestartAsync();
        var gap = DateTimeOffset.UtcNow - stoppedAt;

        var restored = await controller.Api.GetRolloutAsync(Flag);
        Rollout(restored).GetProperty("phase").GetString().ShouldBe("Observing");
        Rollout(restored).GetProperty("stage").GetInt32().ShouldBe(2);
        Rollout(restored).GetProperty("stageStartedAt").GetDateTimeOffset().ShouldBe(stage2Started);
        // The hold served before the stop is kept; the time the controller was down is not credited (nobody watched
        // the guardrails then): what is left is 8 s minus what was served until the last round before the stop.
        var heldBeforeStop = (stoppedAt - stage2Started).TotalSeconds;
        Rollout(restored).GetProperty("holdRemainingSeconds").GetDouble().ShouldBeInRange(8 - heldBeforeStop - 1, 8 - heldBeforeStop + 1.2);
        (await controller.Client.GetStringAsync("metrics")).ShouldContain($"rollout_controller_rollout_weight{{flag=\"{Flag}\"}} 10\n");

        var atStage3 = await controller.Api.WaitForRolloutAsync(Flag, d => ControllerApiClient.Stage(d) == 3, RoundWait, "stage 3");

        // Advanced once the rest of the hold was served after the restart: not a full hold again, not early by the downtime.
        var stage3Started = Rollout(atStage3).GetProperty("stageStartedAt").GetDateTimeOffset();
        (stage3Started - stage2Started).TotalSeconds.ShouldBe(8 + gap.TotalSeconds, tolerance: 2);
        var history = atStage3.GetProperty("history").EnumerateArray().Reverse()
            .Select(t => (t.GetProperty("trigger").GetString(), t.GetProperty("fromStage").GetInt32(), t.GetProperty("toStage").GetInt32()))
            .ToList();
        history.ShouldBe([("start", 0, 1), ("advance", 1, 2), ("advance", 2, 3)]);
    }

    [Fact]
    public async Task A_paused_rollout_stays_paused_with_its_hold_frozen_across_a_restart()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([Policy]);
        await controller.Api.WaitForRolloutAsync(Flag, d => ControllerApiClient.Stage(d) == 2, RoundWait, "stage 2");
        var paused = await controller.Api.CommandOkAsync(Flag, "pause", "holiday freeze");
        var left = Rollout(paused).GetProperty("holdRemainingSeconds").GetDouble();
        left.ShouldBeInRange(5, 8);

        await controller.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        var restored = await controller.Api.GetRolloutAsync(Flag);
        Rollout(restored).GetProperty("phase").GetString().ShouldBe("Paused");
        Rollout(restored).GetProperty("pauseReason").GetString().ShouldBe("holiday freeze");
        Rollout(restored).GetProperty("stage").GetInt32().ShouldBe(2);
        // A paused hold does not count down, neither while the controller runs nor while it is down.
        Rollout(restored).GetProperty("holdRemainingSeconds").GetDouble().ShouldBe(left, tolerance: 0.001);
        restored.GetProperty("history")[0].GetProperty("trigger").GetString().ShouldBe("pause");

        var resumed = await controller.Api.CommandOkAsync(Flag, "resume", "freeze over");
        Rollout(resumed).GetProperty("holdRemainingSeconds").GetDouble().ShouldBe(left, tolerance: 0.5);
    }
}
