using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using RolloutController.Api;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>
/// Who may call what is decided before a request's body is read; every refusal is a problem body, counted in
/// <c>/metrics</c> and logged without the token; command bodies and reasons are bounded.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class ApiAuthorizationTests(GuardrailMetricsFixture fixture) : IAsyncLifetime
{
    private const string Flag = "authz";
    private const string UnknownToken = "unknown-token-0123456789";
    private RunningController _controller = null!;

    public async Task InitializeAsync() => _controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages(Flag)]);

    public async Task DisposeAsync() => await _controller.DisposeAsync();

    private async Task<HttpResponseMessage> PostAsync(string? token, HttpContent? content, string action = "pause")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/rollouts/{Flag}/{action}") { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _controller.Client.SendAsync(request);
    }

    private static StringContent Text(string body, string mediaType = "text/plain") => new(body, Encoding.UTF8, mediaType);

    private static StringContent Reason(string reason) =>
        Text(System.Text.Json.JsonSerializer.Serialize(new { reason }), "application/json");

    private async Task<double> RefusalsAsync(string status, string role)
    {
        var text = await _controller.Client.GetStringAsync("metrics");
        var match = Regex.Match(text, $"^rollout_controller_api_refusals_total\\{{role=\"{role}\",status=\"{status}\"\\}} (\\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    [Theory]
    [InlineData("not json at all", "text/plain")]
    [InlineData("{\"reason\":", "application/json")]
    [InlineData("", "application/json")]
    public async Task Without_a_token_a_command_is_401_whatever_its_body(string body, string mediaType)
    {
        using var response = await PostAsync(token: null, Text(body, mediaType));

        var problem = await ProblemDetails.ReadAsync(response);
        (problem.Status, problem.Title).ShouldBe((HttpStatusCode.Unauthorized, "missing or unknown API token"));
        problem.Detail.ShouldBe("send Authorization: Bearer <token> with a token from RolloutController:Api:Tokens");
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Fact]
    public async Task With_a_viewer_token_a_command_with_a_bad_body_is_403()
    {
        using var response = await PostAsync(TestTokens.Viewer, Text("not json at all"));

        var problem = await ProblemDetails.ReadAsync(response);
        (problem.Status, problem.Detail).ShouldBe((HttpStatusCode.Forbidden, $"token '{TestTokens.ViewerName}' lacks the 'operator' role"));
    }

    [Fact]
    public async Task Every_refusal_is_counted_by_status_and_role_and_logged_without_the_token()
    {
        var (unauthorized, forbidden) = (await RefusalsAsync("401", "operator"), await RefusalsAsync("403", "operator"));

        (await PostAsync(UnknownToken, Reason("x"))).Dispose();
        (await PostAsync(null, Reason("x"))).Dispose();
        (await PostAsync(TestTokens.Viewer, Reason("x"))).Dispose();

        (await RefusalsAsync("401", "operator")).ShouldBe(unauthorized + 2);
        (await RefusalsAsync("403", "operator")).ShouldBe(forbidden + 1);
        var log = _controller.Log.ToString();
        log.ShouldContain($"API request POST /api/v1/rollouts/{Flag}/pause refused with 401 (unknown API token); it needs a token with the 'operator' role");
        log.ShouldContain($"API request POST /api/v1/rollouts/{Flag}/pause refused with 401 (no bearer token)");
        log.ShouldContain($"API request POST /api/v1/rollouts/{Flag}/pause refused with 403: token '{TestTokens.ViewerName}' lacks the 'operator' role");
        log.ShouldNotContain(UnknownToken);
        log.ShouldNotContain(TestTokens.Viewer);
    }

    [Fact]
    public async Task A_command_body_over_the_limit_is_413_with_a_problem_body_and_changes_nothing()
    {
        using var response = await PostAsync(TestTokens.Operator, Reason(new string('x', CommandBodyReader.MaxBytes)));

        var problem = await ProblemDetails.ReadAsync(response);
        (problem.Status, problem.Title).ShouldBe((HttpStatusCode.RequestEntityTooLarge, "request body too large"));
        problem.Detail.ShouldBe($"a command's body may be at most {CommandBodyReader.MaxBytes} bytes; send {{\"reason\": \"...\"}} with a reason of at most 1000 characters");
        ControllerApiClient.Phase(await _controller.Api.GetRolloutAsync(Flag)).ShouldBe("Observing");
    }

    [Fact]
    public async Task A_chunked_command_body_over_the_limit_is_413_too()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"reason\":\"" + new string('x', 100_000) + "\"}")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/rollouts/{Flag}/pause") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Operator);
        request.Headers.TransferEncodingChunked = true;

        using var response = await _controller.Client.SendAsync(request);

        (await ProblemDetails.ReadAsync(response)).Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_reason_over_1000_characters_is_400_and_one_of_1000_is_recorded_whole()
    {
        using var tooLong = await PostAsync(TestTokens.Operator, Reason(new string('é', 1_001)));
        var problem = await ProblemDetails.ReadAsync(tooLong);
        (problem.Status, problem.Title).ShouldBe((HttpStatusCode.BadRequest, "reason too long"));
        problem.Detail.ShouldBe("the reason has 1001 characters; at most 1000 are recorded: shorten it, or link to where the rest is written");

        var longest = new string('é', 999) + "😀";
        using var ok = await PostAsync(TestTokens.Operator, Reason(longest));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        var history = (await _controller.Api.GetRolloutAsync(Flag)).GetProperty("history");
        history[0].GetProperty("reason").GetString().ShouldBe(longest);
    }

    [Fact]
    public async Task A_non_json_body_with_a_token_is_415()
    {
        using var response = await PostAsync(TestTokens.Operator, Text("""{"reason":"x"}"""));

        (await ProblemDetails.ReadAsync(response)).Status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task OFREP_ignores_an_authorization_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"ofrep/v1/evaluate/flags/{Flag}")
        {
            Content = Text("""{"context":{"targetingKey":"user-1"}}""", "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", UnknownToken);

        using var response = await _controller.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task When_reads_need_a_token_a_read_without_one_is_401_and_one_without_the_viewer_role_is_403()
    {
        const string noRoles = "no-roles-token-0123456789";
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages("reads")], setup => setup with
        {
            Overrides = new Dictionary<string, string?>
            {
                ["RolloutController:Api:RequireTokenForReads"] = "true",
                ["RolloutController:Api:Tokens:8:Name"] = "nobody",
                ["RolloutController:Api:Tokens:8:Token"] = noRoles,
            },
        });
        async Task<ProblemDetails> ReadAsync(string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/policies");
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await controller.Client.SendAsync(request);
            return await ProblemDetails.ReadAsync(response);
        }

        var anonymous = await ReadAsync(null);
        (anonymous.Status, anonymous.Detail).ShouldBe((HttpStatusCode.Unauthorized, "reads require a token (RolloutController:Api:RequireTokenForReads)"));
        var nobody = await ReadAsync(noRoles);
        (nobody.Status, nobody.Detail).ShouldBe((HttpStatusCode.Forbidden, "token 'nobody' lacks the 'viewer' role"));
        (await ReadAsync(TestTokens.Viewer)).Status.ShouldBe(HttpStatusCode.OK);
        (await ReadAsync(TestTokens.Operator)).Status.ShouldBe(HttpStatusCode.OK);
        var metrics = await controller.Client.GetStringAsync("metrics");
        metrics.ShouldContain("rollout_controller_api_refusals_total{role=\"viewer\",status=\"401\"} 1");
        metrics.ShouldContain("rollout_controller_api_refusals_total{role=\"viewer\",status=\"403\"} 1");
    }
}
