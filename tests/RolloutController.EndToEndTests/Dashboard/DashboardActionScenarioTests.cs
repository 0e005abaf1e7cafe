using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RolloutController.EndToEndTests.Scenarios;
using RolloutController.TestUtilities.Processes;
using static RolloutController.EndToEndTests.Scenarios.RolloutScenario;

namespace RolloutController.EndToEndTests.Dashboard;

/// <summary>
/// The dashboard's actions in Debian's Chromium against the whole product: a viewer gets no actions and is refused when
/// it posts one anyway, an operator aborts from the page with a reason that lands in the history and the audit log, and
/// every page passes axe-core's checks and fits a phone.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DashboardActionScenarioTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string ViewerToken = "e2e-viewer-token-0123456789";
    private const string AdminToken = "e2e-admin-token-0123456789";
    private const string Page = $"/rollouts/{Flag}";
    private const string Reason = "INC-4211: checkout errors seen by support";

    private static IReadOnlyDictionary<string, string?> WithViewerAndAdmin(Uri _) => new Dictionary<string, string?>
    {
        ["RolloutController:Api:Tokens:1:Name"] = "e2e-viewer",
        ["RolloutController:Api:Tokens:1:Token"] = ViewerToken,
        ["RolloutController:Api:Tokens:1:Roles:0"] = "viewer",
        ["RolloutController:Api:Tokens:2:Name"] = "e2e-admin",
        ["RolloutController:Api:Tokens:2:Token"] = AdminToken,
        ["RolloutController:Api:Tokens:2:Roles:0"] = "admin",
    };

    [Fact]
    public async Task An_operator_aborts_from_the_page_with_a_reason_and_a_viewer_is_refused()
    {
        await using var scenario = await GivenPolicyAsync("""
                - { weight: 10, hold: 10m }
                - { weight: 100, hold: 10m }
            """, settings: WithViewerAndAdmin);
        await scenario.WaitForAsync(s => Phase(s) == "Observing", TimeSpan.FromSeconds(60), "the rollout observing at stage 1 (10%: at 1% the scenario's conversion guardrail can read too few checkouts)");

        // Given a viewer signed in: the page is read-only, and an abort posted anyway (with the page's own form token) is refused.
        var viewer = await chromium.NewPageAsync(scenario.Controller.BaseUrl);
        await DashboardPages.SignInAsync(viewer, ViewerToken, Page);
        await Assertions.Expect(viewer.Locator("section[aria-labelledby=actions-h]")).ToContainTextAsync("Read-only");
        (await viewer.GetByRole(AriaRole.Button, new() { Name = "Abort" }).CountAsync()).ShouldBe(0);
        (await viewer.Locator("textarea[name=reason]").CountAsync()).ShouldBe(0);
        var formToken = await viewer.Locator("input[name=__form_token]").First.InputValueAsync();
        var refused = await viewer.APIRequest.PostAsync(Page, new()
        {
            Form = viewer.APIRequest.CreateFormData().Set("__form_token", formToken).Set("action", "abort").Set("reason", "viewer tries"),
        });
        refused.Status.ShouldBe(403);
        Phase(await scenario.Controller.StatusAsync(Flag)).ShouldBe("Observing");

        // Given an operator signed in: a post without the page's form token (as another site would forge it) is refused.
        var page = await chromium.NewPageAsync(scenario.Controller.BaseUrl);
        await DashboardPages.SignInAsync(page, ControllerProcess.OperatorToken, Page);
        var forged = await page.APIRequest.PostAsync(Page, new() { Form = page.APIRequest.CreateFormData().Set("action", "abort").Set("reason", "no form token") });
        forged.Status.ShouldBe(400);
        Phase(await scenario.Controller.StatusAsync(Flag)).ShouldBe("Observing");

        // When the operator aborts from the page with a reason.
        await page.GetByLabel("Reason").FillAsync(Reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Abort" }).ClickAsync();

        // Then the page says so, the flag is off for everyone, and the history and the audit log name the operator and the reason.
        // Stored at once (200), or, on a store slower than the command's budget, served first and stored right after (202):
        // then the page notes it and looks again until the history has it.
        await Assertions.Expect(page.Locator("#action-result")).ToContainTextAsync(new Regex(@"Done: abort|Applied \(abort\) and served"));
        await Assertions.Expect(page.Locator("#rollout-state")).ToContainTextAsync("Aborted");
        await Assertions.Expect(page.Locator("#rollout-history tbody tr").First).ToContainTextAsync(Reason, new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#rollout-history tbody tr").First).ToContainTextAsync("e2e-operator");
        var status = await scenario.WaitForAsync(s => Phase(s) == "Aborted" && s["note"] is null, TimeSpan.FromSeconds(10), "the abort, stored");
        var abort = History(status).Last();
        (abort["trigger"]!.GetValue<string>(), abort["actor"]!.GetValue<string>(), abort["reason"]!.GetValue<string>())
            .ShouldBe(("abort", "e2e-operator", Reason));
        (await scenario.Controller.CountServedOnAsync(Flag, 100)).ShouldBe(0);
        var audit = (await AuditAsync(scenario)).Where(e => e["actor"]!.GetValue<string>() == "e2e-operator").ToList();
        audit.Select(e => (e["action"]!.GetValue<string>(), e["subject"]!.GetValue<string>(), e["reason"]!.GetValue<string>()))
            .ShouldContain(("abort", $"flag/{Flag}", Reason));

        // And every page passes axe-core's checks on a desktop, and on a phone, where nothing scrolls sideways.
        foreach (var path in new[] { "/", Page, "/policies", "/review", "/login" })
        {
            await page.GotoAsync(path);
            await DashboardPages.ShouldBeAccessibleAsync(page);
        }
        var phone = await chromium.NewPageAsync(scenario.Controller.BaseUrl, width: 390, height: 844);
        await DashboardPages.SignInAsync(phone, ControllerProcess.OperatorToken, Page);
        foreach (var path in new[] { "/", Page })
        {
            await phone.GotoAsync(path);
            await DashboardPages.ShouldFitTheWidthAsync(phone);
            await DashboardPages.ShouldBeAccessibleAsync(phone);
        }
    }

    private static async Task<IReadOnlyList<JsonNode>> AuditAsync(RolloutScenario scenario)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/audit");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await scenario.Controller.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonNode>();
        return body!["entries"]!.AsArray().Select(n => n!).ToList();
    }
}
