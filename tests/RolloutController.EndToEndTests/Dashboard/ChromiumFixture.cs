using Microsoft.Playwright;
using RolloutController.TestUtilities.Dependencies;

namespace RolloutController.EndToEndTests.Dashboard;

/// <summary>
/// Debian's Chromium driven by Playwright, one browser per test class (a browser starts in about a second; a context per
/// page is cheap). The browser is the system's (<c>/usr/bin/chromium</c>, installed by tests/run.sh), never one
/// Playwright downloads: a missing browser fails the test with what to install.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        var executable = RequiredDependency.Executable("chromium", "/usr/bin/chromium");
        _playwright = await Playwright.CreateAsync();
        // --no-sandbox: the tests may run as root, where Chromium refuses its sandbox.
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>A fresh browser profile (no cookies) on <paramref name="baseUrl"/>, desktop-sized unless told.</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl, int width = 1280, int height = 900)
    {
        var browser = _browser ?? throw new InvalidOperationException("the browser is not started");
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            // UTC like the pages' times, so screenshots do not depend on the machine's zone.
            TimezoneId = "UTC",
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
