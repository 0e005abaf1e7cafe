using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RolloutController.Api;

namespace RolloutController.Dashboard;

/// <summary>
/// Authenticates the dashboard's session cookie: it holds the API token the user signed in with, and every request
/// matches it against <c>RolloutController:Api:Tokens</c> exactly as a bearer token is matched, so a token removed from
/// the configuration signs its sessions out and a session holds the token's roles, no more. The cookie is HttpOnly
/// (scripts cannot read it) and SameSite=Strict (no other site's page can send it), Secure over HTTPS.
/// </summary>
internal sealed class DashboardSession(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<ApiOptions> api)
    : TokenAuthenticationHandler(schemeOptions, loggerFactory, encoder, api)
{
    public const string SchemeName = "DashboardSession";
    public const string CookieName = "rollout_session";

    protected override string? Presented() => Request.Cookies[CookieName];

    /// <summary>Signs the browser in with <paramref name="token"/> (already matched): the session lasts until the browser closes.</summary>
    public static void SignIn(HttpResponse response, string token) =>
        response.Cookies.Append(CookieName, token, Cookie(response.HttpContext.Request));

    public static void SignOut(HttpResponse response) =>
        response.Cookies.Delete(CookieName, Cookie(response.HttpContext.Request));

    private static CookieOptions Cookie(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = "/",
        IsEssential = true,
    };
}
