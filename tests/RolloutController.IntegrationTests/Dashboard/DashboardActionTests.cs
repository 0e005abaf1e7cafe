using System.Net;
using RolloutController.IntegrationTests.Api;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Dashboard;

/// <summary>
/// The rollout page's actions take the API's path: the same roles and owner scope, a required reason, the same engine;
/// a form without this dashboard's form token for this user is refused and changes nothing.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class DashboardActionTests(GuardrailMetricsFixture fixture) : IAsyncLifetime
{
    private const string Flag = "dash-actions";
    private const string Page = $"/rollouts/{Flag}";
    private RunningController _controller = null!;

    public async Task InitializeAsync() => _controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages(Flag)]);

    public async Task DisposeAsync() => await _controller.DisposeAsync();

    private async Task<string> PhaseAsync() => (await _controller.Api.GetRolloutAsync(Flag)).GetProperty("rollout").GetProperty("phase").GetString()!;

    private async Task<(DashboardClient Browser, string FormToken)> SignedInAsync(string token)
    {
        var browser = new DashboardClient(_controller);
        (await browser.SignInAsync(token, Page)).Dispose();
        var (_, html, _) = await browser.GetAsync(Page);
        return (browser, DashboardClient.FormToken(html));
    }

    [Fact]
    public async Task An_operator_pauses_from_the_page_with_a_reason_recorded_under_the_token_name()
    {
        var (browser, formToken) = await SignedInAsync(TestTokens.Operator);
        using var _ = browser;
        var (_, before, _) = await browser.GetAsync(Page);
        before.ShouldContain("<button type=\"submit\" name=\"action\" value=\"pause\">Pause</button>");
        before.ShouldContain("value=\"abort\" class=\"danger\">Abort</button>");

        var (status, html, _) = await browser.PostAsync(Page, [new("__form_token", formToken), new("action", "pause"), new("reason", "INC-7: holding for the fix")]);

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Done: pause, recorded in the history with your name and reason.");
        html.ShouldContain("<span class=\"badge phase-paused\">Paused</span>");
        html.ShouldContain($"<td>{TestTokens.OperatorName}</td><td>INC-7: holding for the fix</td>");
        (await PhaseAsync()).ShouldBe("Paused");
    }

    [Fact]
    public async Task A_form_without_the_form_token_or_with_another_sessions_is_refused_and_changes_nothing()
    {
        var (browser, _) = await SignedInAsync(TestTokens.Operator);
        using var _1 = browser;
        var (other, otherToken) = await SignedInAsync(TestTokens.OnCall);
        using var _2 = other;

        var (missing, missingHtml, _) = await browser.PostAsync(Page, [new("action", "abort"), new("reason", "forged")]);
        var (wrong, _, _) = await browser.PostAsync(Page, [new("__form_token", otherToken), new("action", "abort"), new("reason", "forged")]);
        var (garbled, _, _) = await browser.PostAsync(Page, [new("__form_token", "CfDJ8-not-a-token"), new("action", "abort"), new("reason", "forged")]);

        (missing, wrong, garbled).ShouldBe((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest));
        missingHtml.ShouldContain("nothing was changed");
        (await PhaseAsync()).ShouldBe("Observing");
        _controller.Log.ToString().ShouldContain($"Dashboard form POST {Page} refused: missing or invalid form token");
    }

    [Fact]
    public async Task A_viewer_sees_no_actions_and_its_posted_form_is_refused_with_403()
    {
        var (browser, formToken) = await SignedInAsync(TestTokens.Viewer);
        using var _ = browser;
        var (_, page, _) = await browser.GetAsync(Page);
        page.ShouldContain("Read-only: your token holds no role that changes rollouts.");
        page.ShouldNotContain("name=\"action\"");

        var (status, html, _) = await browser.PostAsync(Page, [new("__form_token", formToken), new("action", "abort"), new("reason", "viewer tries")]);

        status.ShouldBe(HttpStatusCode.Forbidden);
        html.ShouldContain($"Token '{TestTokens.ViewerName}' lacks the 'operator' role: nothing was changed.");
        (await PhaseAsync()).ShouldBe("Observing");
    }

    [Fact]
    public async Task An_operator_is_not_offered_promote_and_is_refused_it_by_the_same_rule_as_the_api()
    {
        var (browser, formToken) = await SignedInAsync(TestTokens.OnCall);
        using var _ = browser;
        var (_, page, _) = await browser.GetAsync(Page);
        page.ShouldNotContain("value=\"promote\"");
        page.ShouldContain("Not offered to your token: promote (needs release-manager for team-test).");

        var (status, html, _) = await browser.PostAsync(Page, [new("__form_token", formToken), new("action", "promote"), new("reason", "ship it")]);

        status.ShouldBe(HttpStatusCode.Forbidden);
        html.ShouldContain("it needs the &#x27;release-manager&#x27; role for team-test. Nothing was changed.");
        html.ShouldContain(">ship it</textarea>");
    }

    [Fact]
    public async Task An_action_without_a_reason_is_refused_and_changes_nothing()
    {
        var (browser, formToken) = await SignedInAsync(TestTokens.Operator);
        using var _ = browser;

        var (status, html, _) = await browser.PostAsync(Page, [new("__form_token", formToken), new("action", "abort"), new("reason", "   ")]);

        status.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("A reason is required");
        (await PhaseAsync()).ShouldBe("Observing");
    }
}
