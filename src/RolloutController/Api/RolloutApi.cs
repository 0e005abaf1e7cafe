using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.Api;

/// <summary>
/// The operator API: read rollouts, and pause / resume / promote / abort them. Mutations need a bearer token with the
/// operator role and a reason; both are recorded with the time in the rollout's history.
/// </summary>
internal static class RolloutApi
{
    private const int HistoryLimit = 100;

    public static IEndpointRouteBuilder MapRolloutApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapGet("/rollouts", (HttpRequest request, ApiCaller caller, KnownRollouts known, IPolicySource policies, TimeProvider time) =>
            Unauthorized(request, caller, ApiRoles.Viewer) ?? RolloutListEndpoint.Handle(request, known, policies, time));
        api.MapGet("/rollouts/{flag}", GetAsync);
        api.MapPost("/rollouts/{flag}/{action}", CommandAsync);
        api.MapGet("/policies", Policies);
        return app;
    }

    private static async Task<IResult> GetAsync(string flag, HttpRequest request, ApiCaller caller, IRolloutStore store, KnownRollouts known,
        IPolicySource policies, TimeProvider time, CancellationToken ct)
    {
        if (Unauthorized(request, caller, ApiRoles.Viewer) is { } denied) return denied;
        var policy = policies.Find(flag);
        var state = await store.GetAsync(flag, ct);
        if (policy is null || state is null) return NotFound(flag);
        return Results.Ok(await DetailAsync(store, policy, state, time.GetUtcNow(), known.WatchedSince(flag), ct));
    }

    private static async Task<IResult> CommandAsync(
        string flag, string action, CommandRequest? body, HttpRequest request, ApiCaller caller,
        IRolloutStore store, IPolicySource policies, RolloutEngine engine, Scheduling.RolloutScheduler scheduler, TimeProvider time, CancellationToken ct)
    {
        var token = caller.Resolve(request);
        if (token is null) return Problem(401, "missing or unknown API token", "send Authorization: Bearer <token> with a token from RolloutController:Api:Tokens");
        if (!token.Allows(ApiRoles.Operator)) return Problem(403, "forbidden", $"token '{token.Name}' lacks the '{ApiRoles.Operator}' role");
        if (!TryParse(action, out var command))
            return Problem(404, "unknown action", $"'{action}' is not one of pause, resume, promote, abort");
        if (string.IsNullOrWhiteSpace(body?.Reason))
            return Problem(400, "reason required", "send {\"reason\": \"...\"}: every change is recorded with who made it and why");
        var policy = policies.Find(flag);
        if (policy is null) return NotFound(flag);

        CommandOutcome outcome;
        try
        {
            outcome = await engine.CommandAsync(policy, command, token.Name, body.Reason.Trim(), ct);
        }
        catch (ConcurrencyConflictException ex)
        {
            return Problem(409, "conflict", ex.Message + "; try again");
        }
        if (outcome.State is null) return Problem(409, "refused", outcome.Error!);
        // A promote or resume can leave less than one interval of hold: schedule the round at its end now.
        await scheduler.ScheduleGateAsync(policy, outcome.State, ct);
        return Results.Ok(await DetailAsync(store, policy, outcome.State, time.GetUtcNow(), null, ct));
    }

    private static IResult Policies(HttpRequest request, ApiCaller caller, PolicyRegistry registry)
    {
        if (Unauthorized(request, caller, ApiRoles.Viewer) is { } denied) return denied;
        return Results.Ok(PolicyStatus.Of(registry));
    }

    private static async Task<RolloutDetail> DetailAsync(IRolloutStore store, Policies.RolloutPolicy policy, RolloutState state, DateTimeOffset now,
        DateTimeOffset? watchedSince, CancellationToken ct)
    {
        var measurements = await store.GetMeasurementsAsync(state.FlagKey, HistoryLimit, ct);
        var transitions = await store.GetTransitionsAsync(state.FlagKey, HistoryLimit, ct);
        var notifications = await store.GetNotificationAttemptsAsync(state.FlagKey, HistoryLimit, ct);
        return RolloutViews.Detail(policy, state, measurements, transitions, notifications, now, watchedSince);
    }

    private static bool TryParse(string action, out RolloutCommand command)
    {
        command = default;
        return action is "pause" or "resume" or "promote" or "abort" && Enum.TryParse(action, ignoreCase: true, out command);
    }

    private static IResult? Unauthorized(HttpRequest request, ApiCaller caller, string role)
    {
        if (!caller.ReadsNeedToken) return null;
        var token = caller.Resolve(request);
        if (token is null) return Problem(401, "missing or unknown API token", "reads require a token (RolloutController:Api:RequireTokenForReads)");
        return token.Allows(role) ? null : Problem(403, "forbidden", $"token '{token.Name}' lacks the '{role}' role");
    }

    private static IResult NotFound(string flag) =>
        Problem(404, "rollout not found", $"no policy in force rolls out flag '{flag}'");

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);
}
