using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RolloutController.Api;

/// <summary>
/// Authenticates a presented API token against <c>RolloutController:Api:Tokens</c>: the caller is named after the token
/// and holds its grants (<see cref="ApiToken.Grants"/>). Nothing presented is no result; an unknown token is a failure. The
/// token is never logged or kept. Subclasses say where the token is presented (a header, the dashboard's cookie).
/// </summary>
internal abstract class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<ApiOptions> api)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    /// <summary>The token this request presents, or null when it presents none.</summary>
    protected abstract string? Presented();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Presented() is not { Length: > 0 } presented)
            return Task.FromResult(AuthenticateResult.NoResult());
        if (ApiTokenMatcher.Match(api.CurrentValue.Tokens, presented) is not { } token)
            return Task.FromResult(AuthenticateResult.Fail(ApiTokenAuthenticationHandler.UnknownToken));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ApiCaller.Principal(token.Name, token.Grants, Scheme.Name), Scheme.Name)));
    }
}
