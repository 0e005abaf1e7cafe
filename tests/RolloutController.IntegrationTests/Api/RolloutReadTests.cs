using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

[Collection(ControllerCollection.Name)]
public sealed class RolloutReadTests(GuardrailMetricsFixture fixture)
{
    private static readonly TimeSpan RoundWait = TimeSpan.FromSeconds(15);

    private GuardrailMetrics Metrics => fixture.Metrics;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(RunningController controller, string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await controller.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task List_returns_every_rollout_in_flag_order_as_soon_as_ready()
    {
        await using var controller = await Metrics.StartControllerAsync([TestPolicy.FourStages("zeta-search"), TestPolicy.FourStages("alpha-checkout")]);

        var (status, page) = await GetAsync(controller, "api/v1/rollouts");

        status.ShouldBe(HttpStatusCode.OK);
        page.EnumerateObject().Select(p => p.Name).ShouldBe(["rollouts", "next", "total"]);
        var list = page.GetProperty("rollouts");
        list.EnumerateArray().Select(r => r.GetProperty("flag").GetString()).ShouldBe(["alpha-checkout", "zeta-search"]);
        var first = list[0];
        first.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["flag", "policy", "phase", "stage", "stages", "weight", "holdRemainingSeconds", "pauseReason", "stageStartedAt", "lastMeasuredAt",
             "updatedAt", "version", "owner", "type", "nextRoundAt", "overdueSeconds", "scheduledFor", "mode", "servedWeight", "notStoredSince"]);
        first.GetProperty("owner").GetString().ShouldBe("team-test");
        first.GetProperty("type").GetString().ShouldBe("release");
        first.GetProperty("overdueSeconds").GetDouble().ShouldBe(0);
        first.GetProperty("mode").GetString().ShouldBe("live");
        first.GetProperty("scheduledFor").ValueKind.ShouldBe(JsonValueKind.Null);
        first.GetProperty("servedWeight").GetDecimal().ShouldBe(first.GetProperty("weight").GetDecimal());
        first.GetProperty("nextRoundAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
        first.GetProperty("policy").GetString().ShouldBe("alpha-checkout");
        first.GetProperty("phase").GetString().ShouldBe("Observing");
        first.GetProperty("stage").GetInt32().ShouldBe(1);
        first.GetProperty("stages").GetInt32().ShouldBe(4);
        first.GetProperty("weight").GetDecimal().ShouldBe(1m);
        first.GetProperty("holdRemainingSeconds").GetDouble().ShouldBeInRange(3500, 3600);
        first.GetProperty("pauseReason").ValueKind.ShouldBe(JsonValueKind.Null);
        first.GetProperty("stageStartedAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
        first.GetProperty("version").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Status_shows_plan_guardrails_with_their_last_measurement_and_history()
    {
        await using var controller = await Metrics.StartControllerAsync([TestPolicy.FourStages("status-shape")]);

        var detail = await controller.Api.WaitForRolloutAsync("status-shape",
            d => d.GetProperty("guardrails")[0].GetProperty("last").ValueKind == JsonValueKind.Object, RoundWait, "first measurement");

        detail.EnumerateObject().Select(p => p.Name).ShouldBe(["rollout", "owner", "type", "reason", "source", "plan", "guardrails", "history", "notifications", "blocked", "permitted", "note", "runbook", "approvalsRequired", "approvals", "freezeOverride", "lifecycle", "excludedSegments", "switchedOff", "platform"]);
        detail.GetProperty("note").ValueKind.ShouldBe(JsonValueKind.Null, "everything shown is stored");
        detail.GetProperty("rollout").GetProperty("flag").GetString().ShouldBe("status-shape");
        detail.GetProperty("owner").GetString().ShouldBe("team-test");
        detail.GetProperty("type").GetString().ShouldBe("release");
        detail.GetProperty("reason").GetString().ShouldBe("Test rollout of status-shape");
        detail.GetProperty("source").GetString().ShouldBe(Path.Combine(controller.PoliciesDirectory, "status-shape.yaml"));

        var plan = detail.GetProperty("plan");
        plan.GetArrayLength().ShouldBe(4);
        plan[1].GetProperty("stage").GetInt32().ShouldBe(2);
        plan[1].GetProperty("weight").GetDecimal().ShouldBe(10m);
        plan[1].GetProperty("holdSeconds").GetDouble().ShouldBe(3600);

        var guardrail = detail.GetProperty("guardrails").EnumerateArray().ShouldHaveSingleItem();
        guardrail.GetProperty("name").GetString().ShouldBe(TestPolicy.GuardrailName);
        guardrail.GetProperty("threshold").GetString().ShouldBe("max 0.01");
        guardrail.GetProperty("failureLimit").GetInt32().ShouldBe(1);
        guardrail.GetProperty("onNoData").GetString().ShouldBe("hold");
        guardrail.GetProperty("consecutiveFailures").GetInt32().ShouldBe(0);
        var last = guardrail.GetProperty("last");
        last.GetProperty("verdict").GetString().ShouldBe("pass");
        last.GetProperty("value").GetDouble().ShouldBe(GuardrailMetrics.HealthyRatio);
        last.GetProperty("query").GetString().ShouldBe($"max({GuardrailMetrics.ErrorRatioMetric}{{flag=\"status-shape\"}})");
        last.GetProperty("stage").GetInt32().ShouldBe(1);

        var start = detail.GetProperty("history").EnumerateArray().Last();
        start.GetProperty("trigger").GetString().ShouldBe("start");
        start.GetProperty("from").GetString().ShouldBe("Pending");
        start.GetProperty("to").GetString().ShouldBe("Observing");
        start.GetProperty("toStage").GetInt32().ShouldBe(1);
        start.GetProperty("toWeight").GetDecimal().ShouldBe(1m);
        start.GetProperty("actor").GetString().ShouldBe("controller");
        detail.GetProperty("notifications").GetArrayLength().ShouldBe(0);
        // Measured healthy an instant into a one-hour hold: only the hold keeps the gate closed.
        detail.GetProperty("blocked").EnumerateArray().ShouldHaveSingleItem().GetString().ShouldStartWith("hold ");
        detail.GetProperty("permitted").EnumerateArray().Select(e => e.GetString())
            .ShouldBe(["rollback", "pause", "promote", "abort", "exclude", "warn", "approve"]);
    }

    [Fact]
    public async Task Status_of_an_unknown_flag_is_404_problem()
    {
        await using var controller = await Metrics.StartControllerAsync([TestPolicy.FourStages("known")]);

        using var response = await controller.Client.GetAsync("api/v1/rollouts/unknown");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("title").GetString().ShouldBe("rollout not found");
        problem.GetProperty("detail").GetString().ShouldBe("no policy in force rolls out flag 'unknown'");
    }

    [Fact]
    public async Task Reads_are_open_by_default()
    {
        await using var controller = await Metrics.StartControllerAsync([TestPolicy.FourStages("open-reads")]);

        (await GetAsync(controller, "api/v1/rollouts")).Status.ShouldBe(HttpStatusCode.OK);
        (await GetAsync(controller, "api/v1/rollouts/open-reads")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RequireTokenForReads_needs_a_viewer_or_operator_token_for_the_api_only()
    {
        await using var controller = await Metrics.StartControllerAsync([TestPolicy.FourStages("guarded")],
            setup => setup with { Overrides = new Dictionary<string, string?> { ["RolloutController:Api:RequireTokenForReads"] = "true" } });

        foreach (var path in new[] { "api/v1/rollouts", "api/v1/rollouts/guarded" })
        {
            (await GetAsync(controller, path)).Status.ShouldBe(HttpStatusCode.Unauthorized, path);
            (await GetAsync(controller, path, "not-a-configured-token-at-all")).Status.ShouldBe(HttpStatusCode.Unauthorized, path);
            (await GetAsync(controller, path, TestTokens.Viewer)).Status.ShouldBe(HttpStatusCode.OK, path);
            (await GetAsync(controller, path, TestTokens.Operator)).Status.ShouldBe(HttpStatusCode.OK, path);
        }
        foreach (var open in new[] { "healthz", "readyz", "metrics" })
        {
            using var response = await controller.Client.GetAsync(open);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, open);
        }
        (await controller.Api.EvaluateAsync("guarded", "user-1")).ShouldBeOfType<bool>();
    }
}
