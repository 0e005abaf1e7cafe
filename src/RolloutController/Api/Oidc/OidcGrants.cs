using System.Security.Claims;

namespace RolloutController.Api.Oidc;

/// <summary>The grants a validated token's claims earn under the configured mappings. Pure.</summary>
internal static class OidcGrants
{
    public static IReadOnlyList<ApiGrant> Of(IEnumerable<Claim> claims, IReadOnlyList<OidcRoleMapping> mappings)
    {
        var held = claims.Select(c => (c.Type, c.Value)).ToHashSet();
        return [.. mappings
            .Where(m => held.Contains((m.Claim, m.Value)))
            .Select(m => new ApiGrant(m.Role, string.IsNullOrWhiteSpace(m.Team) ? null : m.Team))
            .Distinct()];
    }
}
