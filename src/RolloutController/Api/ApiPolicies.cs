using Microsoft.AspNetCore.Authorization;

namespace RolloutController.Api;

/// <summary>The authorization policies of the API's endpoint groups, authenticated by <see cref="ApiTokenAuthenticationHandler"/> only.</summary>
internal static class ApiPolicies
{
    /// <summary>Reads: a viewer (or operator) token when <c>RequireTokenForReads</c>, otherwise open.</summary>
    public const string Read = "api-read";

    /// <summary>Commands (pause, resume, promote, abort): an operator token.</summary>
    public const string Command = "api-command";

    public static void Add(AuthorizationBuilder builder) => builder
        .AddPolicy(Read, Policy(new ApiRoleRequirement(ApiRoles.Viewer, OpenUnlessReadsNeedToken: true)))
        .AddPolicy(Command, Policy(new ApiRoleRequirement(ApiRoles.Operator, OpenUnlessReadsNeedToken: false)));

    // The scheme is named on the policy rather than made the default, so OFREP, health and metrics never authenticate.
    private static AuthorizationPolicy Policy(ApiRoleRequirement requirement) =>
        new AuthorizationPolicyBuilder(ApiTokenAuthenticationHandler.SchemeName).AddRequirements(requirement).Build();
}
