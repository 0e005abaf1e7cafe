using Microsoft.AspNetCore.Authorization;

namespace RolloutController.Api;

/// <summary>
/// Who may call what. <see cref="RoleFor"/> is the table (docs/governance.md shows it); <see cref="Decide"/> applies it
/// to a caller's grants and the flag's owner. The endpoint groups' authorization policies check the least role any
/// endpoint of the group needs before a body is read; the endpoint then asks <see cref="Decide"/> (through
/// <see cref="ApiAccess"/>) once it knows the action and the owner.
/// </summary>
internal static class ApiPolicies
{
    /// <summary>Reads: a viewer token when <c>RequireTokenForReads</c>, otherwise open.</summary>
    public const string Read = "api-read";

    /// <summary>Changes: at least an operator token, in some scope; each action's own role and scope are checked after.</summary>
    public const string Command = "api-command";

    private static readonly Dictionary<ApiAction, string> Roles = new()
    {
        [ApiAction.Read] = ApiRoles.Viewer,
        [ApiAction.Pause] = ApiRoles.Operator,
        [ApiAction.Resume] = ApiRoles.Operator,
        [ApiAction.Abort] = ApiRoles.Operator,
        [ApiAction.KillSwitch] = ApiRoles.Operator,
        [ApiAction.RetryNotices] = ApiRoles.Operator,
        [ApiAction.Promote] = ApiRoles.ReleaseManager,
        [ApiAction.Approve] = ApiRoles.ReleaseManager,
        [ApiAction.Include] = ApiRoles.ReleaseManager,
        [ApiAction.Exclude] = ApiRoles.ReleaseManager,
        [ApiAction.OverrideFreeze] = ApiRoles.ReleaseManager,
        [ApiAction.Adopt] = ApiRoles.ReleaseManager,
        [ApiAction.StartScheduled] = ApiRoles.ReleaseManager,
        [ApiAction.ReviewDecide] = ApiRoles.ReleaseManager,
        [ApiAction.AuditRead] = ApiRoles.Admin,
        [ApiAction.Configure] = ApiRoles.Admin,
    };

    /// <summary>The least role that may take <paramref name="action"/>.</summary>
    public static string RoleFor(ApiAction action) => Roles[action];

    /// <summary>The action's name in messages and the audit log: <c>kill-switch</c>, <c>review-decide</c>.</summary>
    public static string Name(ApiAction action) =>
        string.Concat(action.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>
    /// Whether <paramref name="caller"/> may take <paramref name="action"/> on a flag owned by <paramref name="owner"/>
    /// (null for a controller-wide action, which only a grant for every owner covers). The highest covering grant wins,
    /// so the audit log records the role the caller acted under. Pure.
    /// </summary>
    public static AccessDecision Decide(ApiCaller caller, ApiAction action, string? owner)
    {
        var needed = RoleFor(action);
        var grant = caller.Grants
            .Where(g => ApiRoles.Covers(g.Role, needed) && (g.Team is null || (owner is not null && string.Equals(g.Team, owner, StringComparison.Ordinal))))
            .OrderByDescending(g => ApiRoles.Rank(g.Role))
            .ThenBy(g => g.Team is null ? 1 : 0)
            .FirstOrDefault();
        return new AccessDecision(grant, needed, owner ?? AccessDecision.EveryOwner);
    }

    /// <summary>Controller-wide reads and changes (the audit log, configuration-level actions): an admin token for every owner.</summary>
    public const string Admin = "api-admin";

    /// <summary>The dashboard's pages: the same rule as <see cref="Read"/>, for a user signed in with a token (session cookie).</summary>
    public const string DashboardRead = "dashboard-read";

    /// <summary>The dashboard's actions: the same rule as <see cref="Command"/>, for a user signed in with a token; each action's own role and scope are checked after.</summary>
    public const string DashboardCommand = "dashboard-command";

    public static void Add(AuthorizationBuilder builder) => builder
        .AddPolicy(Read, Policy(ApiAuthentication.SchemeName, new ApiRoleRequirement(ApiRoles.Viewer, OpenUnlessReadsNeedToken: true)))
        .AddPolicy(Command, Policy(ApiAuthentication.SchemeName, new ApiRoleRequirement(ApiRoles.Operator, OpenUnlessReadsNeedToken: false)))
        .AddPolicy(Admin, Policy(ApiAuthentication.SchemeName, new ApiRoleRequirement(ApiRoles.Admin, OpenUnlessReadsNeedToken: false)))
        .AddPolicy(DashboardRead, Policy(Dashboard.DashboardSession.SchemeName, new ApiRoleRequirement(ApiRoles.Viewer, OpenUnlessReadsNeedToken: true)))
        .AddPolicy(DashboardCommand, Policy(Dashboard.DashboardSession.SchemeName, new ApiRoleRequirement(ApiRoles.Operator, OpenUnlessReadsNeedToken: false)));

    /// <summary>Whether <paramref name="policy"/> is one of the dashboard's (refused with a page rather than problem details).</summary>
    public static bool IsDashboard(AuthorizationPolicy policy) => policy.AuthenticationSchemes.Contains(Dashboard.DashboardSession.SchemeName);

    // The scheme is named on the policy rather than made the default, so OFREP, health and metrics never authenticate.
    // The dashboard's session presents the same tokens in a cookie (Dashboard.DashboardSession).
    private static AuthorizationPolicy Policy(string scheme, ApiRoleRequirement requirement) =>
        new AuthorizationPolicyBuilder(scheme).AddRequirements(requirement).Build();
}
