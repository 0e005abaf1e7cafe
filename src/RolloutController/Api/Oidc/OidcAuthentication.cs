using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace RolloutController.Api.Oidc;

/// <summary>
/// Configures the JwtBearer scheme from <see cref="OidcOptions"/>: issuer, audience, the key file's signing keys, a
/// lifetime checked on the controller's clock, and — once a token is valid — an identity named by
/// <see cref="OidcOptions.NameClaim"/> holding the grants of <see cref="OidcGrants"/>. No network: keys come from the file.
/// </summary>
internal sealed class OidcAuthentication(IOptionsMonitor<ApiOptions> api, TimeProvider time) : IConfigureNamedOptions<JwtBearerOptions>
{
    public const string SchemeName = "Oidc";

    private SigningKeyFile? _keys;

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != SchemeName) return;
        var oidc = api.CurrentValue.Oidc;
        options.TimeProvider = time;
        options.MapInboundClaims = false;
        options.RefreshOnIssuerKeyNotFound = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = oidc.Issuer,
            ValidAudience = oidc.Audience,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            NameClaimType = oidc.NameClaim,
            IssuerSigningKeyResolver = (_, _, _, _) => Keys(oidc),
            LifetimeValidator = (notBefore, expires, _, _) => TokenLifetime.Valid(notBefore, expires, time.GetUtcNow(), oidc.ClockSkew),
        };
        options.Events = new JwtBearerEvents { OnTokenValidated = OnValidated };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    private IEnumerable<SecurityKey> Keys(OidcOptions oidc)
    {
        var file = _keys ??= new SigningKeyFile(oidc.SigningKeysFile!);
        return file.Keys();
    }

    private Task OnValidated(TokenValidatedContext context)
    {
        var oidc = api.CurrentValue.Oidc;
        var claims = context.Principal!.Claims.ToList();
        var name = claims.FirstOrDefault(c => c.Type == oidc.NameClaim)?.Value;
        if (string.IsNullOrWhiteSpace(name))
        {
            context.Fail($"the token has no '{oidc.NameClaim}' claim to name the caller (Api:Oidc:NameClaim)");
            return Task.CompletedTask;
        }
        context.Principal = ApiCaller.Principal(name, OidcGrants.Of(claims, oidc.RoleMappings), SchemeName);
        return Task.CompletedTask;
    }

    /// <summary>Three base64url parts separated by dots (the last empty when unsigned).</summary>
    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2 && !token.StartsWith('.');

    /// <summary>Why a token was refused, in words that never repeat it.</summary>
    public static string Why(Exception failure) => (failure is AggregateException { InnerExceptions.Count: > 0 } many ? many.InnerExceptions[0] : failure) switch
    {
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException
            => "token expired, not yet valid or without an expiry",
        SecurityTokenInvalidAudienceException => "token for another audience",
        SecurityTokenInvalidIssuerException => "token from another issuer",
        SecurityTokenSignatureKeyNotFoundException => "token signed by a key not in Api:Oidc:SigningKeysFile",
        SecurityTokenInvalidSignatureException => "token unsigned or its signature invalid",
        SecurityTokenMalformedException => "malformed token",
        AuthenticationFailureException { Message: var m } => m,
        var other => $"invalid token ({other.GetType().Name})",
    };
}
