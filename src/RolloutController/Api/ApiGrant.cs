namespace RolloutController.Api;

/// <summary>
/// A role a caller holds, for the flags of one owner (<paramref name="Team"/>, e.g. <c>team-payments</c>) or, when
/// <paramref name="Team"/> is null, for every owner and for controller-wide actions.
/// </summary>
internal sealed record ApiGrant(string Role, string? Team)
{
    /// <summary>Claim type carrying a grant on the caller's identity, as <c>role</c> or <c>role@team</c>.</summary>
    public const string ClaimType = "rollout-grant";

    public string ClaimValue => Team is null ? Role : $"{Role}@{Team}";

    public static ApiGrant FromClaimValue(string value) =>
        value.IndexOf('@', StringComparison.Ordinal) is var at and >= 0 ? new(value[..at], value[(at + 1)..]) : new(value, null);

    /// <summary><c>operator for team-payments</c> or <c>operator for every owner</c>.</summary>
    public override string ToString() => $"{Role} for {Team ?? "every owner"}";
}
