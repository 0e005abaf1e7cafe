namespace RolloutController.Policies;

/// <summary>
/// Who <c>spec.approvals.from</c> may name: a role of the roles table (docs/governance.md), as written there
/// (<c>release-manager</c>) or in the plural (<c>release-managers</c>), or a team that owns a document of the policy set
/// (<see cref="ApproverTeamRules"/>). Pure.
/// </summary>
internal static class ApproverNames
{
    /// <summary>The API's roles, least privileged first (the same as the host's <c>ApiRoles.Ordered</c>).</summary>
    public static readonly IReadOnlyList<string> Roles = ["viewer", "operator", "release-manager", "admin"];

    /// <summary>The role <paramref name="name"/> stands for (<c>release-manager</c> for it or <c>release-managers</c>); null for none.</summary>
    public static string? Role(string name) =>
        Roles.FirstOrDefault(r => string.Equals(name, r, StringComparison.Ordinal) || string.Equals(name, r + "s", StringComparison.Ordinal));
}
