namespace RolloutController.Api.Oidc;

/// <summary>
/// JSON Web Tokens from an OpenID Connect provider, accepted beside the static tokens (section
/// <c>RolloutController:Api:Oidc</c>). Off unless <see cref="Issuer"/> is set; then <see cref="Audience"/> and
/// <see cref="SigningKeysFile"/> are required too.
/// </summary>
internal sealed class OidcOptions
{
    /// <summary>The <c>iss</c> every token must carry, e.g. <c>https://login.example.com/realms/eng</c>. No default: unset turns OIDC off.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> every token must carry (the controller's client id at the provider). Required with <see cref="Issuer"/>.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Path of a JSON Web Key Set file (<c>{"keys": [...]}</c>, the provider's <c>jwks_uri</c> document) whose keys may
    /// sign tokens. Read again when the file changes, so a key rotation needs no restart. Required with <see cref="Issuer"/>.
    /// </summary>
    public string? SigningKeysFile { get; set; }

    /// <summary>Claim naming the caller, recorded as the actor of changes. Default <c>sub</c>.</summary>
    public string NameClaim { get; set; } = "sub";

    /// <summary>Tolerated difference between the provider's clock and the controller's for <c>exp</c> and <c>nbf</c>. Default 1 minute; 0 to 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Which claim values grant which role, in which owner's scope. A token matching none has no role.</summary>
    public List<OidcRoleMapping> RoleMappings { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Issuer);
}
