using System.Net;
using RolloutController.IntegrationTests.Api;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard is read under the API's read rule and signed into with an API token kept in an HttpOnly, SameSite=Strict
/// cookie; forms without this dashboard's form token are refused; every page is HTML under a strict content policy.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class DashboardAccessTests(GuardrailMetricsFixture fixture)
{
    private const string Flag = "dash-access";

    private static readonly Dictionary<string, string?> ReadsNeedToken = new() { ["RolloutController:Api:RequireTokenForReads"] = "true" };

    [Fact]
    public async Task With_open_reads_the_list_shows_every_rollout_to_anyone_and_offers_to_sign_in()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages(Flag)]);
        using var browser = new DashboardClient(controller);

        var (status, html, response) = await browser.GetAsync("/");

        status.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        html.ShouldContain($"<a href=\"/rollouts/{Flag}\">{Flag}</a>");
        html.ShouldContain("Observing");
        html.ShouldContain("1 of 4");
        html.ShouldContain("team-test");
        html.ShouldContain("Not signed in: read-only.");
    }

    [Fact]
    public async Task When_reads_need_a_token_a_page_sends_to_sign_in_and_a_viewer_token_signs_in_read_only()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages(Flag)],
            setup => setup with { Overrides = ReadsNeedToken });
        using var browser = new DashboardClient(controller);

        var (status, _, refused) = await browser.GetAsync($"/rollouts/{Flag}");
        status.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldBe($"/login?returnUrl=%2Frollouts%2F{Flag}");

        using var signedIn = await browser.SignInAsync(TestTokens.Viewer, $"/rollouts/{Flag}");
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldBe($"/rollouts/{Flag}");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("rollout_session=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);

        var (pageStatus, html, _) = await browser.GetAsync($"/rollouts/{Flag}");
        pageStatus.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain($"Signed in as <strong>{TestTokens.ViewerName}</strong> (viewer for every owner; read-only)");
        html.ShouldContain("<ol class=\"timeline\">");
    }

    [Fact]
    public async Task An_unknown_token_does_not_sign_in_and_a_form_without_the_form_token_is_refused()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages(Flag)],
            setup => setup with { Overrides = ReadsNeedToken });
        using var browser = new DashboardClient(controller);

        using var unknown = await browser.SignInAsync("not-a-configured-token-0123");
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("This token is not one the controller accepts");
        browser.Cookies.GetCookies(controller.BaseUri).Select(c => c.Name).ShouldNotContain("rollout_session");

        var (noToken, html, _) = await browser.PostAsync("login", [new("token", TestTokens.Operator)]);
        noToken.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("nothing was changed");
        browser.Cookies.GetCookies(controller.BaseUri).Select(c => c.Name).ShouldNotContain("rollout_session");

        var (wrongToken, _, _) = await browser.PostAsync("login", [new("__form_token", "CfDJ8-forged"), new("token", TestTokens.Operator)]);
        wrongToken.ShouldBe(HttpStatusCode.BadRequest);
        browser.Cookies.GetCookies(controller.BaseUri).Select(c => c.Name).ShouldNotContain("rollout_session");
        controller.Log.ToString().ShouldContain("Dashboard form POST /login refused: missing or invalid form token");
    }

    [Fact]
    public async Task A_session_whose_token_is_no_longer_configured_is_signed_out()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages(Flag)],
            setup => setup with { Overrides = ReadsNeedToken });
        using var browser = new DashboardClient(controller);
        browser.Cookies.Add(controller.BaseUri, new Cookie("rollout_session", "a-token-removed-from-the-configuration"));

        var (status, _, response) = await browser.GetAsync("/policies");

        status.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/login?returnUrl=%2Fpolicies");
        browser.Cookies.GetCookies(controller.BaseUri).Select(c => c.Name).ShouldNotContain("rollout_session");
    }
}
