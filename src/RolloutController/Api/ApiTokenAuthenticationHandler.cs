using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RolloutController.Api;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against <c>RolloutController:Api:Tokens</c>: the caller is
/// named after the token and holds its grants (<see cref="ApiToken.Grants"/>). No header is no result; an
/// unknown token is a failure. The presented token is never logged or kept.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<ApiOptions> api)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string UnknownToken = "unknown API token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiTokenMatcher.Presented(Request.Headers.Authorization.ToString()) is not { } presented)
            return Task.FromResult(AuthenticateResult.NoResult());
        if (ApiTokenMatcher.Match(api.CurrentValue.Tokens, presented) is not { } token)
            return Task.FromResult(AuthenticateResult.Fail(UnknownToken));

        var principal = ApiCaller.Principal(token.Name, token.Grants, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
