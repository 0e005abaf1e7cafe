using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using RolloutController.TestUtilities.Processes;

namespace RolloutController.EndToEndTests.Dashboard;

/// <summary>What the dashboard tests do in the browser, as a person would: sign in, read, check, photograph.</summary>
internal static class DashboardPages
{
    /// <summary>Impacts that fail the accessibility check (axe-core's two highest of four).</summary>
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>Signs in through the login form and lands on <paramref name="returnPath"/>.</summary>
    public static async Task SignInAsync(IPage page, string token, string returnPath)
    {
        await page.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString(returnPath));
        await page.GetByLabel("API token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The address, polled: not WaitForURL's wait for the load event, which a busy machine has been seen to miss
        // after the sign-in's redirect although the page was there.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(returnPath) + "$"),
            new() { Timeout = 30_000 });
    }

    /// <summary>
    /// Marks the loaded document and waits for its event stream to be open: the mark survives live updates and is gone
    /// after a reload or navigation, so a page still marked later was updated in place.
    /// </summary>
    public static async Task MarkAsync(IPage page)
    {
        await page.WaitForSelectorAsync("body[data-live-connected=true]");
        await page.EvaluateAsync("() => { window.__notReloaded = true; }");
    }

    public static async Task ShouldNotHaveReloadedAsync(IPage page) =>
        (await page.EvaluateAsync<bool>("() => window.__notReloaded === true")).ShouldBeTrue($"{page.Url} was reloaded instead of updated in place");

    /// <summary>axe-core's WCAG checks on the page as it is: no serious or critical violation, each described when any.</summary>
    public static async Task ShouldBeAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var violations = result.Violations.Where(v => Blocking.Contains(v.Impact)).Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}").ToList();
        violations.ShouldBeEmpty($"axe-core violations on {page.Url}");
    }

    /// <summary>The page fits the viewport's width: nothing but a table's own scrolling region scrolls sideways.</summary>
    public static async Task ShouldFitTheWidthAsync(IPage page)
    {
        var scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var client = await page.EvaluateAsync<int>("() => document.documentElement.clientWidth");
        scroll.ShouldBeLessThanOrEqualTo(client, $"{page.Url} scrolls sideways at {client}px");
    }

    /// <summary>
    /// Saves a screenshot of the whole page as <c>docs/images/dashboard-{name}.png</c> when <c>UPDATE_SCREENSHOTS=1</c>
    /// (how the README's pictures are made); otherwise under the temporary directory, so every run still renders them.
    /// </summary>
    public static async Task PhotographAsync(IPage page, string name)
    {
        var update = Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1";
        var directory = update ? Path.Combine(RepositoryLayout.Root, "docs", "images") : Path.Combine(Path.GetTempPath(), "rollout-dashboard-screenshots");
        Directory.CreateDirectory(directory);
        // A blinking caret would make the picture depend on the instant it was taken.
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, $"dashboard-{name}.png"), FullPage = true, Caret = ScreenshotCaret.Hide });
    }
}
