using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>
/// Roles scoped to owners, through the real host, with static tokens and with OpenID Connect tokens signed by a local
/// key: a refusal names the role and scope that were missing, is counted and is logged without the token.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class RoleScopeTests(GuardrailMetricsFixture fixture) : IAsyncLifetime
{
    private const string Payments = "pay-flag";
    private const string Search = "search-flag";
    private const string PaymentsOperator = "payments-operator-token-0123456789";
    private readonly string _directory = Directory.CreateTempSubdirectory("oidc-").FullName;
    private TestOidc _oidc = null!;
    private RunningController _controller = null!;

    public async Task InitializeAsync()
    {
        _oidc = new TestOidc(_directory);
        var overrides = new Dictionary<string, string?>(_oidc.Configuration)
        {
            ["RolloutController:Api:Tokens:8:Name"] = "payments-bot",
            ["RolloutController:Api:Tokens:8:Token"] = PaymentsOperator,
            ["RolloutController:Api:Tokens:8:Roles:0"] = "operator",
            ["RolloutController:Api:Tokens:8:Teams:0"] = "team-payments",
        };
        _controller = await fixture.Metrics.StartControllerAsync(
            [TestPolicy.FourStages(Payments) with { Owner = "team-payments" }, TestPolicy.FourStages(Search) with { Owner = "team-search" }],
            setup => setup with { Overrides = overrides });
    }

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        _oidc.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> CommandAsync(string flag, string action, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/rollouts/{flag}/{action}") { Content = JsonContent.Create(new { reason = "test" }) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _controller.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<double> RefusalsAsync(string status, string role)
    {
        var text = await _controller.Client.GetStringAsync("metrics");
        var match = Regex.Match(text, $"^rollout_controller_api_refusals_total\\{{role=\"{role}\",status=\"{status}\"\\}} (\\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static DateTimeOffset InAnHour => DateTimeOffset.UtcNow.AddHours(1);

    [Fact]
    public async Task An_operator_pauses_and_resumes_but_may_not_promote_and_is_told_the_role_missing()
    {
        var before = await RefusalsAsync("403", "release-manager");

        (await CommandAsync(Payments, "pause", TestTokens.OnCall)).Status.ShouldBe(HttpStatusCode.OK);
        var (status, body) = await CommandAsync(Payments, "promote", TestTokens.OnCall);

        status.ShouldBe(HttpStatusCode.Forbidden);
        body.GetProperty("detail").GetString().ShouldBe(
            "'on-call' may not promote flag 'pay-flag' (owner team-payments): it needs the 'release-manager' role for team-payments (or every owner); it holds operator for every owner");
        (body.GetProperty("missingRole").GetString(), body.GetProperty("missingScope").GetString()).ShouldBe(("release-manager", "team-payments"));
        (await RefusalsAsync("403", "release-manager")).ShouldBe(before + 1);
        _controller.Log.ToString().ShouldContain(
            "refused with 403: 'on-call' may not promote flag 'pay-flag' (owner team-payments); it needs the 'release-manager' role for team-payments and holds operator for every owner");
        _controller.Log.ToString().ShouldNotContain(TestTokens.OnCall);
        (await CommandAsync(Payments, "resume", TestTokens.OnCall)).Status.ShouldBe(HttpStatusCode.OK);
        (await CommandAsync(Payments, "promote", TestTokens.Operator)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_limited_to_a_team_acts_on_its_flags_only_and_on_nothing_controller_wide()
    {
        (await CommandAsync(Payments, "pause", PaymentsOperator)).Status.ShouldBe(HttpStatusCode.OK);

        var (status, body) = await CommandAsync(Search, "pause", PaymentsOperator);
        status.ShouldBe(HttpStatusCode.Forbidden);
        body.GetProperty("detail").GetString().ShouldBe(
            "'payments-bot' may not pause flag 'search-flag' (owner team-search): it needs the 'operator' role for team-search (or every owner); it holds operator for team-payments");
        ControllerApiClient.Phase(await _controller.Api.GetRolloutAsync(Search)).ShouldNotBe("Paused");

        using var retry = new HttpRequestMessage(HttpMethod.Post, "api/v1/notices/retry") { Content = JsonContent.Create(new { reason = "x" }) };
        retry.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PaymentsOperator);
        using var refused = await _controller.Client.SendAsync(retry);
        var problem = await ProblemDetails.ReadAsync(refused);
        (problem.Status, problem.Detail).ShouldBe((HttpStatusCode.Forbidden,
            "'payments-bot' may not retry-notices the notification outbox: it needs the 'operator' role for every owner (a controller-wide action); it holds operator for team-payments"));
    }

    [Fact]
    public async Task An_oidc_token_acts_under_the_roles_its_groups_map_to_and_is_recorded_by_its_email()
    {
        var oncall = _oidc.Token("dana@example.com", ["payments-oncall", "unrelated"], InAnHour);

        (await CommandAsync(Payments, "pause", oncall)).Status.ShouldBe(HttpStatusCode.OK);
        var (status, body) = await CommandAsync(Search, "pause", oncall);
        status.ShouldBe(HttpStatusCode.Forbidden);
        body.GetProperty("missingScope").GetString().ShouldBe("team-search");
        (await CommandAsync(Payments, "promote", oncall)).Status.ShouldBe(HttpStatusCode.Forbidden);

        var manager = _oidc.Token("erin@example.com", ["release-managers"], InAnHour);
        (await CommandAsync(Search, "promote", manager)).Status.ShouldBe(HttpStatusCode.OK);

        var history = (await _controller.Api.GetRolloutAsync(Payments)).GetProperty("history");
        history[0].GetProperty("actor").GetString().ShouldBe("dana@example.com");
        (await _controller.Api.GetRolloutAsync(Search)).GetProperty("history")[0].GetProperty("actor").GetString().ShouldBe("erin@example.com");
    }

    [Fact]
    public async Task Expired_wrong_audience_foreign_key_and_unsigned_tokens_are_refused_with_401_and_logged_without_the_token()
    {
        var before = await RefusalsAsync("401", "operator");
        string[] groups = ["rollout-admins"];
        (string Token, string Why)[] refused =
        [
            (_oidc.Token("x@example.com", groups, DateTimeOffset.UtcNow.AddMinutes(-5)), "token expired, not yet valid or without an expiry"),
            (_oidc.Token("x@example.com", groups, InAnHour, audience: "another-app"), "token for another audience"),
            (_oidc.Token("x@example.com", groups, InAnHour, otherKey: true), "token unsigned or its signature invalid"),
            (TestOidc.Unsigned("x@example.com", groups, InAnHour), "token unsigned or its signature invalid"),
        ];

        foreach (var (token, why) in refused)
        {
            var (status, body) = await CommandAsync(Payments, "abort", token);
            status.ShouldBe(HttpStatusCode.Unauthorized, why);
            body.GetProperty("detail").GetString().ShouldBe(
                "send Authorization: Bearer <token> with a token from RolloutController:Api:Tokens or a valid token of the configured OpenID Connect issuer");
            _controller.Log.ToString().ShouldContain($"API request POST /api/v1/rollouts/{Payments}/abort refused with 401 ({why})");
        }

        (await RefusalsAsync("401", "operator")).ShouldBe(before + refused.Length);
        var log = _controller.Log.ToString();
        foreach (var (token, _) in refused) log.ShouldNotContain(token.Split('.')[1]);
        ControllerApiClient.Phase(await _controller.Api.GetRolloutAsync(Payments)).ShouldNotBe("Aborted");
        (await CommandAsync(Payments, "abort", _oidc.Token("x@example.com", groups, InAnHour))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Static_tokens_keep_working_beside_oidc()
    {
        (await CommandAsync(Search, "pause", TestTokens.Operator)).Status.ShouldBe(HttpStatusCode.OK);
        (await CommandAsync(Search, "pause", TestTokens.Viewer)).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await CommandAsync(Search, "resume", "not-a-configured-token-0123")).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
