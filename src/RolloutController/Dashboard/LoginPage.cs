using static RolloutController.Dashboard.Html;

namespace RolloutController.Dashboard;

/// <summary>Sign in with an API token (the one <c>rolloutctl</c> uses); the roles are the token's. Pure.</summary>
internal static class LoginPage
{
    public static string Render(string formToken, string returnUrl, string? error)
    {
        var body = $"""
            {(error is null ? "" : $"<p class=\"error\" role=\"alert\" id=\"login-error\">{E(error)}</p>")}
            <form class="login" method="post" action="/login">
            <input type="hidden" name="{DashboardForms.TokenField}" value="{E(formToken)}">
            <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
            <label for="token">API token</label>
            <input id="token" name="token" type="password" autocomplete="current-password" required{(error is null ? "" : " aria-describedby=\"login-error\" aria-invalid=\"true\"")}>
            <p class="small" id="token-help">A token from <code>RolloutController:Api:Tokens</code>: a viewer token shows the pages, an operator
            token also pauses, resumes, promotes and aborts. It is kept in a cookie scripts cannot read, until the browser closes.</p>
            <button type="submit">Sign in</button>
            </form>
            """;
        return DashboardLayout.Page("Sign in", viewer: null, body);
    }

    /// <summary>Where to go after signing in: a path of this site, never another site (<c>//host</c>, <c>/\host</c>); else the list.</summary>
    public static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains("://", StringComparison.Ordinal)
            ? url : "/";
}
