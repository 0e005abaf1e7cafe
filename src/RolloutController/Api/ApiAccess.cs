using RolloutController.Telemetry;

namespace RolloutController.Api;

/// <summary>
/// Applies <see cref="ApiPolicies.Decide"/> inside an endpoint, once the action and the flag's owner are known and before
/// the body is read. A refusal is a 403 problem saying which role and scope were missing and what the caller holds
/// (also as <c>missingRole</c>, <c>missingScope</c>), counted in <c>api_refusals</c> and logged without the token.
/// </summary>
internal sealed class ApiAccess(ControllerMetrics metrics, ILogger<ApiAccess> logger)
{
    /// <summary>
    /// The caller's decision for <paramref name="action"/> on <paramref name="subject"/> (e.g. <c>flag 'new-checkout'</c>)
    /// owned by <paramref name="owner"/> (null: controller-wide), and the answer to send when it is refused.
    /// </summary>
    public (AccessDecision Decision, IResult? Refusal) Check(HttpContext context, ApiAction action, string? owner, string subject)
    {
        var caller = ApiCaller.From(context.User);
        var decision = ApiPolicies.Decide(caller, action, owner);
        if (decision.Granted) return (decision, null);

        var verb = ApiPolicies.Name(action);
        var holds = caller.Grants.Count == 0 ? "no role" : string.Join(", ", caller.Grants);
        var about = owner is null ? subject : $"{subject} (owner {owner})";
        AccessLog.Refused(logger, context.Request.Method, context.Request.Path.Value ?? "", caller.Name, verb, about, decision.NeededRole, decision.NeededScope, holds);
        metrics.ApiRefusals.Add(1, new("status", "403"), new("role", decision.NeededRole));
        var scope = owner is null ? "every owner (a controller-wide action)" : $"{owner} (or every owner)";
        var refusal = Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "forbidden",
            detail: $"'{caller.Name}' may not {verb} {about}: it needs the '{decision.NeededRole}' role for {scope}; it holds {holds}",
            extensions: new Dictionary<string, object?> { ["missingRole"] = decision.NeededRole, ["missingScope"] = decision.NeededScope });
        return (decision, refusal);
    }
}
