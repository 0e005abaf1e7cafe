using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using RolloutController.Telemetry;

namespace RolloutController.Api;

/// <summary>
/// Answers a request the API's policies refused, before its body is read: 401 without a known token, 403 when the
/// token lacks the role, each as problem details saying which role is needed (the dashboard's, as pages:
/// <see cref="Dashboard.DashboardRefusal"/>). Every refusal is counted
/// (<c>api_refusals</c> by status and role) and logged with the caller's name, never the token.
/// </summary>
internal sealed class ApiRefusalHandler(ControllerMetrics metrics, ILogger<ApiRefusalHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var requirement = policy.Requirements.OfType<ApiRoleRequirement>().FirstOrDefault();
        if (requirement is null || authorizeResult.Succeeded || !(authorizeResult.Challenged || authorizeResult.Forbidden))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var role = requirement.Role;
        IResult problem;
        if (authorizeResult.Forbidden)
        {
            var name = context.User.Identity?.Name ?? "";
            ApiLog.Forbidden(logger, context.Request.Method, context.Request.Path.Value ?? "", name, role);
            problem = ApiPolicies.IsDashboard(policy) ? Dashboard.DashboardRefusal.For(context, forbidden: true, name, role)
                : ApiProblem.Create(StatusCodes.Status403Forbidden, "forbidden", $"token '{name}' lacks the '{role}' role");
        }
        else
        {
            var dashboard = ApiPolicies.IsDashboard(policy);
            // Cached by the handler: the policy already authenticated this request.
            var authentication = await context.AuthenticateAsync(dashboard ? Dashboard.DashboardSession.SchemeName : ApiAuthentication.SchemeName);
            ApiLog.Unauthenticated(logger, context.Request.Method, context.Request.Path.Value ?? "",
                dashboard && authentication.Failure is null ? "not signed in to the dashboard" : ApiAuthentication.Why(authentication), role);
            if (!dashboard) context.Response.Headers.WWWAuthenticate = "Bearer";
            problem = dashboard ? Dashboard.DashboardRefusal.For(context, forbidden: false, "", role) : ApiProblem.Create(StatusCodes.Status401Unauthorized, "missing or unknown API token", requirement.OpenUnlessReadsNeedToken
                ? "reads require a token (RolloutController:Api:RequireTokenForReads)"
                : "send Authorization: Bearer <token> with a token from RolloutController:Api:Tokens"
                  + (context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<ApiOptions>>().CurrentValue.Oidc.Enabled
                      ? " or a valid token of the configured OpenID Connect issuer" : ""));
        }
        metrics.ApiRefusals.Add(1,
            new KeyValuePair<string, object?>("status", authorizeResult.Forbidden ? "403" : "401"),
            new KeyValuePair<string, object?>("role", role));
        await problem.ExecuteAsync(context);
    }
}
