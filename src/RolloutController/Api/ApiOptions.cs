namespace RolloutController.Api;

/// <summary>Access to the HTTP API (section <c>RolloutController:Api</c>).</summary>
internal sealed class ApiOptions
{
    public const string Section = "RolloutController:Api";

    /// <summary>Tokens accepted in <c>Authorization: Bearer</c>. Empty by default: every mutating call is refused until one is configured.</summary>
    public List<ApiToken> Tokens { get; set; } = [];

    /// <summary>When true, reads need a token with the <c>viewer</c> role too. Default false.</summary>
    public bool RequireTokenForReads { get; set; }
}
