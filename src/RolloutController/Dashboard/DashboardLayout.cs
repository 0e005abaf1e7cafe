using System.Text;
using static RolloutController.Dashboard.Html;

namespace RolloutController.Dashboard;

/// <summary>
/// The frame of every dashboard page: navigation, who is signed in, a skip link, and the live-update hook (the page's
/// <c>data-live</c> regions are refreshed when the controller reports a change; <c>live.js</c>) and the hold countdowns
/// (<c>countdown.js</c>).
/// </summary>
internal static class DashboardLayout
{
    public const string StylePath = "/dashboard/style.css";
    public const string ScriptPath = "/dashboard/live.js";
    public const string CountdownScriptPath = "/dashboard/countdown.js";

    /// <param name="live">Which changes refresh the page: a flag key, <c>*</c> for any, null for none.</param>
    public static string Page(string title, DashboardViewer? viewer, string body, string? live = null, string? returnPath = null)
    {
        var html = new StringBuilder(8 * 1024);
        html.Append($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light">
            <title>{E(title)} · RolloutController</title>
            <link rel="stylesheet" href="{StylePath}">
            <script src="{ScriptPath}" defer></script>
            <script src="{CountdownScriptPath}" defer></script>
            </head>
            <body{(live is null ? "" : $" data-live-flag=\"{E(live)}\"")}>
            <a class="skip" href="#main">Skip to content</a>
            <header class="top">
            <a class="brand" href="/">RolloutController</a>
            <nav aria-label="Main">
            <ul>
            <li><a href="/">Rollouts and flags</a></li>
            <li><a href="/review">Due for review</a></li>
            <li><a href="/policies">Policies</a></li>
            </ul>
            </nav>
            {Session(viewer, returnPath)}
            </header>
            <main id="main" tabindex="-1">
            <h1>{E(title)}</h1>
            <p id="live-status" class="live-status" role="status" aria-live="polite"></p>
            {body}
            </main>
            </body>
            </html>
            """);
        return html.ToString();
    }

    private static string Session(DashboardViewer? viewer, string? returnPath)
    {
        if (viewer is null) return "";
        if (viewer.Name is null)
        {
            var back = returnPath is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnPath);
            return $"<div class=\"session\"><span>Not signed in: read-only.</span> <a href=\"/login{E(back)}\">Sign in</a></div>";
        }
        return $"""
            <div class="session">
            <span>Signed in as <strong>{E(viewer.Name)}</strong> ({E(viewer.Holds ?? "no role")}{(viewer.CanAct ? "" : "; read-only")})</span>
            <form method="post" action="/logout">{viewer.FormField}<button type="submit" class="link">Sign out</button></form>
            </div>
            """;
    }
}
