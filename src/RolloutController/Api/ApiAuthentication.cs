using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RolloutController.Api.Oidc;

namespace RolloutController.Api;

/// <summary>
/// The API's one authentication scheme, which forwards each request to the scheme its bearer token belongs to: a
/// configured static token (<see cref="ApiTokenAuthenticationHandler"/>), else — when <c>Api:Oidc</c> is configured — a
/// JSON Web Token (JwtBearer, validated against the configured issuer, audience and signing keys). Everything else is
/// the static scheme's, which refuses it as an unknown token.
/// </summary>
internal static class ApiAuthentication
{
    public const string SchemeName = "Api";

    public static AuthenticationBuilder AddApiSchemes(this AuthenticationBuilder builder) => builder
        .AddPolicyScheme(SchemeName, "API bearer tokens", options => options.ForwardDefaultSelector = Select)
        .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, configureOptions: null)
        .AddJwtBearer(OidcAuthentication.SchemeName, _ => { });

    private static string Select(HttpContext context)
    {
        var api = context.RequestServices.GetRequiredService<IOptionsMonitor<ApiOptions>>().CurrentValue;
        var presented = ApiTokenMatcher.Presented(context.Request.Headers.Authorization.ToString());
        return presented is not null && api.Oidc.Enabled && ApiTokenMatcher.Match(api.Tokens, presented) is null && OidcAuthentication.LooksLikeJwt(presented)
            ? OidcAuthentication.SchemeName
            : ApiTokenAuthenticationHandler.SchemeName;
    }

    /// <summary>Why authentication failed, in words that never repeat the token: for logs and 401 answers.</summary>
    public static string Why(AuthenticateResult result) => result.Failure switch
    {
        null => "no bearer token",
        var f when f.Message == ApiTokenAuthenticationHandler.UnknownToken => ApiTokenAuthenticationHandler.UnknownToken,
        var f => OidcAuthentication.Why(f),
    };
}
