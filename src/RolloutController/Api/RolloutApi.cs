using System.Security.Claims;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.Api;

/// <summary>
/// The operator API: read rollouts, and pause / resume / promote / abort them. Who may call what is the endpoint groups'
/// authorization policies (<see cref="ApiPolicies"/>), checked before a body is read; mutations also need a reason.
/// The caller's name and the reason are recorded with the time in the rollout's history.
/// </summary>
internal static class RolloutApi
{
    private const int HistoryLimit = 100;

    public static IEndpointRouteBuilder MapRolloutApi(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/v1").RequireAuthorization(ApiPolicies.Read);
        reads.MapGet("/rollouts", ListAsync);
        reads.MapGet("/rollouts/{flag}", GetAsync);
        reads.MapGet("/policies", Policies);
        var commands = app.MapGroup("/api/v1/rollouts").RequireAuthorization(ApiPolicies.Command);
        commands.MapPost("/{flag}/{action}", CommandAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(IRolloutStore store, IPolicySource policies, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var states = await store.ListAsync(ct);
        return Results.Ok(states.OrderBy(s => s.FlagKey, StringComparer.Ordinal)
            .Select(s => RolloutViews.Summary(policies.Find(s.FlagKey), s, now)).ToList());
    }

    private static async Task<IResult> GetAsync(string flag, IRolloutStore store, IPolicySource policies, TimeProvider time, CancellationToken ct)
    {
        var policy = policies.Find(flag);
        var state = await store.GetAsync(flag, ct);
        if (policy is null || state is null) return NotFound(flag);
        return Results.Ok(await DetailAsync(store, policy, state, time.GetUtcNow(), ct));
    }

    private static async Task<IResult> CommandAsync(
        string flag, string action, HttpRequest request, ClaimsPrincipal caller,
        IRolloutStore store, IPolicySource policies, RolloutEngine engine, Scheduling.RolloutScheduler scheduler, TimeProvider time, CancellationToken ct)
    {
        if (!TryParse(action, out var command))
            return ApiProblem.Create(404, "unknown action", $"'{action}' is not one of pause, resume, promote, abort");
        var body = await CommandBodyReader.ReadAsync(request, ct);
        if (body.Problem is not null) return body.Problem;
        var reason = body.Request?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            return ApiProblem.Create(400, "reason required", "send {\"reason\": \"...\"}: every change is recorded with who made it and why");
        var length = reason.EnumerateRunes().Count();
        if (length > CommandRequest.MaxReasonLength)
            return ApiProblem.Create(400, "reason too long",
                $"the reason has {length} characters; at most {CommandRequest.MaxReasonLength} are recorded: shorten it, or link to where the rest is written");
        var policy = policies.Find(flag);
        if (policy is null) return NotFound(flag);

        CommandOutcome outcome;
        try
        {
            outcome = await engine.CommandAsync(policy, command, caller.Identity!.Name!, reason, ct);
        }
        catch (ConcurrencyConflictException ex)
        {
            return ApiProblem.Create(409, "conflict", ex.Message + "; try again");
        }
        if (outcome.State is null) return ApiProblem.Create(409, "refused", outcome.Error!);
        // A promote or resume can leave less than one interval of hold: schedule the round at its end now.
        await scheduler.ScheduleGateAsync(policy, outcome.State, ct);
        return Results.Ok(await DetailAsync(store, policy, outcome.State, time.GetUtcNow(), ct));
    }

    private static IResult Policies(PolicyRegistry registry) => Results.Ok(PolicyStatus.Of(registry));

    private static async Task<RolloutDetail> DetailAsync(IRolloutStore store, Policies.RolloutPolicy policy, RolloutState state, DateTimeOffset now, CancellationToken ct)
    {
        var measurements = await store.GetMeasurementsAsync(state.FlagKey, HistoryLimit, ct);
        var transitions = await store.GetTransitionsAsync(state.FlagKey, HistoryLimit, ct);
        var notifications = await store.GetNotificationAttemptsAsync(state.FlagKey, HistoryLimit, ct);
        return RolloutViews.Detail(policy, state, measurements, transitions, notifications, now);
    }

    private static bool TryParse(string action, out RolloutCommand command)
    {
        command = default;
        return action is "pause" or "resume" or "promote" or "abort" && Enum.TryParse(action, ignoreCase: true, out command);
    }

    private static IResult NotFound(string flag) =>
        ApiProblem.Create(404, "rollout not found", $"no policy in force rolls out flag '{flag}'");
}
