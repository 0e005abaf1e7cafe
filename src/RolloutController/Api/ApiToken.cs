namespace RolloutController.Api;

/// <summary>An API token. Its <see cref="Name"/> is recorded as the actor of every change made with it.</summary>
internal sealed class ApiToken
{
    public string Name { get; set; } = "";
    public string Token { get; set; } = "";

    /// <summary>
    /// <c>viewer</c>, <c>operator</c>, <c>release-manager</c> or <c>admin</c>, each including the ones before it
    /// (<see cref="ApiRoles"/>). None listed means no role: the token may do nothing that needs one (least privilege),
    /// and a warning says so at start-up.
    /// </summary>
    // Empty by default: the configuration binder appends to a list, so a default entry would stay next to the
    // configured roles and widen every token.
    public List<string> Roles { get; set; } = [];

    /// <summary>
    /// Owners whose flags the roles are limited to, e.g. <c>[team-payments]</c>. Empty by default: every owner, and
    /// controller-wide actions too, which a token limited to teams may never take.
    /// </summary>
    public List<string> Teams { get; set; } = [];

    /// <summary>Each known role in each team of <see cref="Teams"/> (or for every owner). Unknown role names grant nothing.</summary>
    public IReadOnlyList<ApiGrant> Grants =>
        [.. Roles.Where(ApiRoles.All.Contains).SelectMany(role => Teams.Count == 0 ? [new ApiGrant(role, null)] : Teams.Select(team => new ApiGrant(role, team)))];
}
