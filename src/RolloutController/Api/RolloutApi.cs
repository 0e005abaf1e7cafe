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
        PendingSafetyMoves pending, IPolicySource policies, TimeProvider time, CancellationToken ct)
    {
        if (Unauthorized(request, caller, ApiRoles.Viewer) is { } denied) return denied;
        var policy = policies.Find(flag);
        if (policy is null) return NotFound(flag);
        var (state, note) = await CurrentAsync(flag, store, known, pending, time, ct);
        if (state is null) return NotFound(flag);
        return Results.Ok(await DetailAsync(store, policy, state, time, known.WatchedSince(flag), note, ct));
    }

    // What the rollout is now: a safety move waiting to be stored, else the store's state, else (the store does not
    // answer in time) what this replica serves, saying so.
    private static async Task<(RolloutState? State, string? Note)> CurrentAsync(
        string flag, IRolloutStore store, KnownRollouts known, PendingSafetyMoves pending, TimeProvider time, CancellationToken ct)
    {
        if (pending.Find(flag) is { } move)
            lock (move.Gate) return (move.Safe, NotStoredNote(move.Since));
        try
        {
            return (await store.GetAsync(flag, ct).WaitAsync(ReadBudget, time, ct), null);
        }
        catch (Exception e) when (e is StoreException or TimeoutException)
        {
            return (known.Find(flag), "the store did not answer: this is what this replica serves; history is not shown");
        }
    }

    private static string NotStoredNote(DateTimeOffset since) =>
        $"applied to what is served since {since:u}, not stored yet: the store has not taken it. It is kept in this replica's journal and stored " +
        "as soon as the store answers (see /readyz)";

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
        if (outcome.State is null)
            return outcome.Error!.StartsWith("not applied", StringComparison.Ordinal) || outcome.Error.StartsWith("the store", StringComparison.Ordinal)
                ? Problem(503, "store unavailable", outcome.Error)
                : Problem(409, "refused", outcome.Error!);
        // Applied and served, but not stored yet: a distinct answer, 202, saying so.
        // No history read: the store is what did not answer, and the answer must not wait on it again.
        if (!outcome.Stored)
            return Results.Json(RolloutViews.Detail(policy, outcome.State, [], [], [], time.GetUtcNow()) with { Note = outcome.Note },
                options: null, statusCode: StatusCodes.Status202Accepted);
        // A promote or resume can leave less than one interval of hold: schedule the round at its end now.
        if (command is RolloutCommand.Promote or RolloutCommand.Resume) await scheduler.ScheduleGateAsync(policy, outcome.State, ct);
        return Results.Ok(await DetailAsync(store, policy, outcome.State, time, null, null, ct));
    }

    private static IResult Policies(HttpRequest request, ApiCaller caller, PolicyRegistry registry)
    {
        if (Unauthorized(request, caller, ApiRoles.Viewer) is { } denied) return denied;
        return Results.Ok(PolicyStatus.Of(registry));
    }

    /// <summary>How long a read answers from the store before it answers from what this replica serves. 1 second.</summary>
    private static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(1);

    private static async Task<RolloutDetail> DetailAsync(IRolloutStore store, Policies.RolloutPolicy policy, RolloutState state, TimeProvider time,
        DateTimeOffset? watchedSince, string? note, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        try
        {
            var measurements = store.GetMeasurementsAsync(state.FlagKey, HistoryLimit, ct);
            var transitions = store.GetTransitionsAsync(state.FlagKey, HistoryLimit, ct);
            var notifications = store.GetNotificationAttemptsAsync(state.FlagKey, HistoryLimit, ct);
            await Task.WhenAll(measurements, transitions, notifications).WaitAsync(ReadBudget, time, ct);
            return RolloutViews.Detail(policy, state, measurements.Result, transitions.Result, notifications.Result, now, watchedSince) with { Note = note };
        }
        catch (Exception e) when (e is StoreException or TimeoutException)
        {
            return RolloutViews.Detail(policy, state, [], [], [], now, watchedSince) with
            {
                Note = (note is null ? "" : note + "; ") + "the store did not answer in time: history is not shown",
            };
        }
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
