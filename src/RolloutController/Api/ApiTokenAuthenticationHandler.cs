using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RolloutController.Api;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> (scheme case-insensitive) as <see cref="TokenAuthenticationHandler"/> says.</summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<ApiOptions> api)
    : TokenAuthenticationHandler(schemeOptions, loggerFactory, encoder, api)
{
    public const string SchemeName = "ApiToken";
    public const string UnknownToken = "unknown API token";

    protected override string? Presented() => ApiTokenMatcher.Presented(Request.Headers.Authorization.ToString());
}
