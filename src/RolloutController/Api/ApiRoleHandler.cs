using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace RolloutController.Api;

/// <summary>Grants an <see cref="ApiRoleRequirement"/> to a caller holding the role, or to anyone for open reads.</summary>
internal sealed class ApiRoleHandler(IOptionsMonitor<ApiOptions> api) : AuthorizationHandler<ApiRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiRoleRequirement requirement)
    {
        if ((requirement.OpenUnlessReadsNeedToken && !api.CurrentValue.RequireTokenForReads) || context.User.IsInRole(requirement.Role))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
