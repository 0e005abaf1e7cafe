namespace RolloutController.Api;

/// <summary>An API token. Its <see cref="Name"/> is recorded as the actor of every change made with it.</summary>
internal sealed class ApiToken
{
    public string Name { get; set; } = "";
    public string Token { get; set; } = "";

    /// <summary>
    /// <c>operator</c> (pause, resume, promote, abort; implies viewer) and/or <c>viewer</c>. None listed means no role:
    /// the token may do nothing that needs one (least privilege), and a warning says so at start-up.
    /// </summary>
    // Empty by default: the configuration binder appends to a list, so a default entry would stay next to the
    // configured roles and widen every token.
    public List<string> Roles { get; set; } = [];

    /// <summary>The roles the token holds, implied ones included: operator implies viewer. Unknown names grant nothing.</summary>
    public IReadOnlyList<string> GrantedRoles =>
        Roles.Contains(ApiRoles.Operator) ? [ApiRoles.Operator, ApiRoles.Viewer]
        : Roles.Contains(ApiRoles.Viewer) ? [ApiRoles.Viewer]
        : [];
}
