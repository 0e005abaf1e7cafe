using Microsoft.Playwright;
using RolloutController.EndToEndTests.Scenarios;
using static RolloutController.EndToEndTests.Scenarios.RolloutScenario;

namespace RolloutController.EndToEndTests.Dashboard;

/// <summary>
/// The dashboard open in Debian's Chromium while the whole product runs: the page follows the ramp and the automatic
/// rollback by itself, without reloading. The same run photographs the main pages (<c>UPDATE_SCREENSHOTS=1</c> writes
/// them to docs/images, where the README shows them).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DashboardLiveScenarioTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Page = $"/rollouts/{Flag}";

    /// <summary>
    /// How long a change may take from the API to the open page: pushed at once, the page fetches itself again (the
    /// API's status is polled, so it sees a change late too; the margin is for a loaded 2-core machine).
    /// </summary>
    private static readonly float PushTimeout = 3_000;

    [Fact]
    public async Task An_open_page_follows_the_ramp_and_shows_the_rollback_without_a_reload()
    {
        await using var scenario = await GivenPolicyAsync("""
                - { weight: 10, hold: 15s }
                - { weight: 50, hold: 10m }
                - { weight: 100, hold: 10m }
            """);
        await scenario.WaitForAsync(s => Stage(s) == 1 && Phase(s) == "Observing", TimeSpan.FromSeconds(60), "stage 1 (10%)");

        // Given the rollout's page and the overview open at stage 1 (a hold long enough to open them).
        var page = await chromium.NewPageAsync(scenario.Controller.BaseUrl);
        await page.GotoAsync(Page);
        await Assertions.Expect(page.Locator("#rollout-state")).ToContainTextAsync("1 of 3");
        await DashboardPages.MarkAsync(page);
        var overview = await chromium.NewPageAsync(scenario.Controller.BaseUrl);
        await overview.GotoAsync("/");
        await DashboardPages.MarkAsync(overview);

        // When the hold ends and the controller advances to 50%: both pages show it, in place.
        await scenario.WaitForAsync(s => Stage(s) == 2, TimeSpan.FromSeconds(60), "stage 2 (50%)");
        await Assertions.Expect(page.Locator("#rollout-state")).ToContainTextAsync("2 of 3", new() { Timeout = PushTimeout });
        await Assertions.Expect(page.Locator("#rollout-state")).ToContainTextAsync("50%");
        await Assertions.Expect(page.Locator("#rollout-plan li[aria-current=step]")).ToContainTextAsync("50%");
        await Assertions.Expect(overview.Locator("tr", new() { HasText = Flag })).ToContainTextAsync("2 of 3", new() { Timeout = PushTimeout });
        await DashboardPages.ShouldNotHaveReloadedAsync(page);
        await DashboardPages.ShouldNotHaveReloadedAsync(overview);

        // And the stage's hold counts down in the page, a tick at a time, in the server's format (HoldCountdown).
        var countdown = page.Locator("#rollout-state [data-countdown]");
        var first = await countdown.TextContentAsync();
        await Assertions.Expect(countdown).Not.ToHaveTextAsync(first!, new() { Timeout = PushTimeout });
        // Seconds and text read in one go: a tick sets both.
        var ticked = await countdown.EvaluateAsync<string[]>("el => [el.getAttribute('data-countdown'), el.textContent]");
        ticked[1].ShouldBe(RolloutController.Dashboard.HoldCountdown.Text(double.Parse(ticked[0], System.Globalization.CultureInfo.InvariantCulture)));

        // When errors at 50% trip the error-rate guardrail: the rollback appears on both pages, still without a reload.
        await scenario.Service.InjectErrorsAsync(0.5);
        await scenario.WaitForAsync(s => Phase(s) == "RolledBack", TimeSpan.FromSeconds(60), "the automatic rollback");
        await Assertions.Expect(page.Locator("#rollout-state")).ToContainTextAsync("RolledBack", new() { Timeout = PushTimeout });
        await Assertions.Expect(page.Locator("#rollout-state")).ToContainTextAsync("0%");
        await Assertions.Expect(page.Locator("#rollout-history tbody tr").First).ToContainTextAsync("rollback");
        await Assertions.Expect(page.Locator("#rollout-history tbody tr").First).ToContainTextAsync("error-rate");
        await Assertions.Expect(overview.Locator("tr", new() { HasText = Flag })).ToContainTextAsync("RolledBack", new() { Timeout = PushTimeout });
        await DashboardPages.ShouldNotHaveReloadedAsync(page);
        await DashboardPages.ShouldNotHaveReloadedAsync(overview);

        // Then the pages as on-call sees them after the rollback: the guardrail chart with its failing values over the bound.
        await page.ReloadAsync();
        (await page.Locator("#rollout-guardrails svg").CountAsync()).ShouldBe(3);
        await DashboardPages.PhotographAsync(page, "rollout");
        await overview.ReloadAsync();
        await DashboardPages.PhotographAsync(overview, "overview");
        await overview.GotoAsync("/review");
        await Assertions.Expect(overview.Locator("main")).ToContainTextAsync(Flag);
        await DashboardPages.PhotographAsync(overview, "review");
    }
}
