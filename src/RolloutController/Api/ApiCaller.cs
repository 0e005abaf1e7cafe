using System.Security.Claims;

namespace RolloutController.Api;

/// <summary>Who is calling and what they hold, read from the identity either authentication scheme built.</summary>
internal sealed record ApiCaller(string Name, IReadOnlyList<ApiGrant> Grants)
{
    public static ApiCaller From(ClaimsPrincipal principal) => new(
        principal.Identity?.Name ?? "",
        [.. principal.FindAll(ApiGrant.ClaimType).Select(c => ApiGrant.FromClaimValue(c.Value))]);

    /// <summary>
    /// The identity of a caller named <paramref name="name"/> holding <paramref name="grants"/>: a name claim, one grant
    /// claim per grant, and a role claim per role held in any scope (implied roles included), which the endpoint groups'
    /// policies check before the body is read; the scope is checked by the endpoint once it knows the flag's owner.
    /// </summary>
    public static ClaimsPrincipal Principal(string name, IEnumerable<ApiGrant> grants, string authenticationType)
    {
        var list = grants.Distinct().ToList();
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(list.Select(g => new Claim(ApiGrant.ClaimType, g.ClaimValue)));
        claims.AddRange(list.SelectMany(g => ApiRoles.Implied(g.Role)).Distinct().Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }
}
