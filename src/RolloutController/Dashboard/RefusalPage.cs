using static RolloutController.Dashboard.Html;

namespace RolloutController.Dashboard;

/// <summary>What the dashboard answers when the signed-in token lacks the role a page or action needs. Pure.</summary>
internal static class RefusalPage
{
    public static string Forbidden(string name, string role) => DashboardLayout.Page("Not allowed", viewer: null,
        $"<p class=\"error\" role=\"alert\">Token '{E(name)}' lacks the '{E(role)}' role: nothing was changed. " +
        "Sign in with a token that has it, or ask whoever configures <code>RolloutController:Api:Tokens</code>.</p>" +
        "<p><a href=\"/login\">Sign in with another token</a> · <a href=\"/\">Back to the rollouts</a></p>");

    public static string SignInNeeded(string role) => DashboardLayout.Page("Sign in needed", viewer: null,
        $"<p class=\"error\" role=\"alert\">This needs a token with the '{E(role)}' role and you are not signed in: nothing was changed.</p>" +
        "<p><a href=\"/login\">Sign in</a></p>");

    public static string FormRejected() => DashboardLayout.Page("Form not accepted", viewer: null,
        "<p class=\"error\" role=\"alert\">The form did not carry this dashboard's form token (it expired, the controller restarted, " +
        "or it was sent from another page): nothing was changed. Go back, reload the page and send it again.</p>" +
        "<p><a href=\"/\">Back to the rollouts</a></p>");

    public static string NotFound(string flag) => DashboardLayout.Page("Rollout not found", viewer: null,
        $"<p class=\"error\" role=\"alert\">No policy in force rolls out flag '{E(flag)}'.</p><p><a href=\"/\">Back to the rollouts</a></p>");
}
