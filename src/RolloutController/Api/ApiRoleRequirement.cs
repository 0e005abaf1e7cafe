using Microsoft.AspNetCore.Authorization;

namespace RolloutController.Api;

/// <summary>The caller needs <paramref name="Role"/>; for reads, only when <c>RequireTokenForReads</c> is on.</summary>
/// <param name="Role">The least role of the endpoint group (<see cref="ApiRoles"/>).</param>
/// <param name="OpenUnlessReadsNeedToken">True for reads: anyone may read unless <c>RequireTokenForReads</c>.</param>
internal sealed record ApiRoleRequirement(string Role, bool OpenUnlessReadsNeedToken) : IAuthorizationRequirement;
