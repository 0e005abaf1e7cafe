namespace RolloutController.Api.Oidc;

/// <summary>
/// A token whose <see cref="Claim"/> holds <see cref="Value"/> (a string claim equal to it, or an array claim containing
/// it) holds <see cref="Role"/>, for the flags of <see cref="Team"/> or — when <see cref="Team"/> is not set — of every
/// owner. E.g. <c>{ Claim: groups, Value: payments-oncall, Role: operator, Team: team-payments }</c>.
/// </summary>
internal sealed class OidcRoleMapping
{
    /// <summary>Claim name as in the token, e.g. <c>groups</c> or <c>roles</c>. Required.</summary>
    public string Claim { get; set; } = "";

    /// <summary>Claim value that grants the role. Required.</summary>
    public string Value { get; set; } = "";

    /// <summary>One of viewer, operator, release-manager, admin. Required.</summary>
    public string Role { get; set; } = "";

    /// <summary>Owner whose flags the role is limited to. Default none: every owner.</summary>
    public string? Team { get; set; }
}
