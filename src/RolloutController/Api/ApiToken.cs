namespace RolloutController.Api;

/// <summary>An API token. Its <see cref="Name"/> is recorded as the actor of every change made with it.</summary>
internal sealed class ApiToken
{
    public string Name { get; set; } = "";
    public string Token { get; set; } = "";

    /// <summary><c>operator</c> (pause, resume, promote, abort; implies viewer) and/or <c>viewer</c>. Default: operator.</summary>
    public List<string> Roles { get; set; } = [ApiRoles.Operator];
}
