using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>Every way a mutating call is refused, and that a refusal changes nothing.</summary>
[Collection(ControllerCollection.Name)]
public sealed class RolloutCommandRefusalTests(GuardrailMetricsFixture fixture) : IAsyncLifetime
{
    private const string Flag = "refusals";
    private RunningController _controller = null!;

    private ControllerApiClient Api => _controller.Api;

    public async Task InitializeAsync() => _controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages(Flag)]);

    public async Task DisposeAsync() => await _controller.DisposeAsync();

    private async Task<ProblemDetails> SendAsync(string action, string? token, string? reason = "testing", string flag = Flag)
    {
        using var response = await Api.CommandAsync(flag, action, token, reason);
        return await ProblemDetails.ReadAsync(response);
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("promote")]
    [InlineData("abort")]
    public async Task Without_a_token_is_401(string action)
    {
        var problem = await SendAsync(action, token: null);

        problem.Status.ShouldBe(HttpStatusCode.Unauthorized);
        problem.Title.ShouldBe("missing or unknown API token");
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("abort")]
    public async Task With_an_unknown_token_is_401(string action) =>
        (await SendAsync(action, "0123456789abcdef-unknown")).Status.ShouldBe(HttpStatusCode.Unauthorized);

    [Fact]
    public async Task A_non_bearer_authorization_is_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/rollouts/{Flag}/pause")
        {
            Content = new StringContent("""{"reason":"x"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", TestTokens.Operator);
        using var response = await _controller.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("promote")]
    [InlineData("abort")]
    public async Task With_a_viewer_token_is_403(string action)
    {
        var problem = await SendAsync(action, TestTokens.Viewer);

        problem.Status.ShouldBe(HttpStatusCode.Forbidden);
        problem.Detail.ShouldBe($"token '{TestTokens.ViewerName}' lacks the 'operator' role");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Without_a_reason_is_400(string? reason)
    {
        var problem = await SendAsync("pause", TestTokens.Operator, reason);

        problem.Status.ShouldBe(HttpStatusCode.BadRequest);
        problem.Title.ShouldBe("reason required");
    }

    [Fact]
    public async Task Without_a_body_is_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/rollouts/{Flag}/pause");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Operator);
        using var response = await _controller.Client.SendAsync(request);

        (await ProblemDetails.ReadAsync(response)).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/rollouts/{Flag}/pause")
        {
            Content = new StringContent("{\"reason\":", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Operator);
        using var response = await _controller.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_flag_is_404()
    {
        var problem = await SendAsync("pause", TestTokens.Operator, flag: "no-such-flag");

        problem.Status.ShouldBe(HttpStatusCode.NotFound);
        problem.Detail.ShouldBe("no policy in force rolls out flag 'no-such-flag'");
    }

    [Theory]
    [InlineData("explode")]
    [InlineData("Pause")]
    [InlineData("restart")]
    public async Task Unknown_action_is_404(string action)
    {
        var problem = await SendAsync(action, TestTokens.Operator);

        problem.Status.ShouldBe(HttpStatusCode.NotFound);
        problem.Title.ShouldBe("unknown action");
        problem.Detail.ShouldBe($"'{action}' is not one of pause, resume, promote, abort, approve, include, override-freeze, adopt");
    }

    [Fact]
    public async Task Resume_of_an_observing_rollout_is_409_with_the_reason_and_changes_nothing()
    {
        var before = await Api.GetRolloutAsync(Flag);

        var problem = await SendAsync("resume", TestTokens.Operator);

        problem.Status.ShouldBe(HttpStatusCode.Conflict);
        problem.Title.ShouldBe("refused");
        problem.Detail.ShouldBe("cannot resume a rollout that is Observing (possible now: pause, promote, abort)");
        var after = await Api.GetRolloutAsync(Flag);
        ControllerApiClient.Phase(after).ShouldBe("Observing");
        after.GetProperty("history").GetArrayLength().ShouldBe(before.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Adopt_needs_a_release_manager_and_a_flag_the_controller_serves_itself_has_nothing_to_adopt()
    {
        await Api.CommandOkAsync(Flag, "pause", "holding");
        var before = await Api.GetRolloutAsync(Flag);

        var operatorTry = await SendAsync("adopt", TestTokens.OnCall);
        var problem = await SendAsync("adopt", TestTokens.Operator);

        operatorTry.Status.ShouldBe(HttpStatusCode.Forbidden);
        operatorTry.Detail.ShouldStartWith($"'on-call' may not adopt flag '{Flag}'");
        problem.Status.ShouldBe(HttpStatusCode.Conflict);
        problem.Detail.ShouldBe($"'{Flag}' is served by the controller itself (spec.flag.provider: builtin): there is no flag platform to adopt a change from");
        var after = await Api.GetRolloutAsync(Flag);
        ControllerApiClient.Phase(after).ShouldBe("Paused");
        after.GetProperty("history").GetArrayLength().ShouldBe(before.GetProperty("history").GetArrayLength());
        after.GetProperty("permitted").EnumerateArray().Select(e => e.GetString()).ShouldNotContain("adopt");
    }

    [Fact]
    public async Task Pause_of_an_aborted_rollout_is_409()
    {
        await Api.CommandOkAsync(Flag, "abort", "stop it");

        var problem = await SendAsync("pause", TestTokens.Operator);

        problem.Status.ShouldBe(HttpStatusCode.Conflict);
        problem.Detail.ShouldBe("cannot pause a rollout that is Aborted (possible now: resume)");
    }
}
