namespace RolloutController.Api;

/// <summary>Access to the HTTP API (section <c>RolloutController:Api</c>).</summary>
internal sealed class ApiOptions
{
    public const string Section = "RolloutController:Api";

    /// <summary>Tokens accepted in <c>Authorization: Bearer</c>. Empty by default: every mutating call is refused until one is configured.</summary>
    public List<ApiToken> Tokens { get; set; } = [];

    /// <summary>When true, reads need a token with the <c>viewer</c> role (or one including it) too. Default false.</summary>
    public bool RequireTokenForReads { get; set; }

    /// <summary>JSON Web Tokens from an OpenID Connect provider, beside <see cref="Tokens"/>. Off unless <c>Oidc:Issuer</c> is set.</summary>
    public Oidc.OidcOptions Oidc { get; set; } = new();
}
