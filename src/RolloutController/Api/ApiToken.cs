namespace RolloutController.Api;

/// <summary>An API token. Its <see cref="Name"/> is recorded as the actor of every change made with it.</summary>
internal sealed class ApiToken
{
    public string Name { get; set; } = "";
    public string Token { get; set; } = "";

    /// <summary>
    /// <c>operator</c> (pause, resume, promote, abort; implies viewer) and/or <c>viewer</c>. None listed means operator.
    /// </summary>
    // Empty rather than [operator] by default: the configuration binder appends to a list, so a default entry would
    // stay next to the configured roles and turn every viewer token into an operator token.
    public List<string> Roles { get; set; } = [];

    /// <summary>Whether the token may do what <paramref name="role"/> allows; operator implies viewer.</summary>
    public bool Allows(string role) =>
        Roles.Count == 0 || Roles.Contains(ApiRoles.Operator) || Roles.Contains(role);
}
