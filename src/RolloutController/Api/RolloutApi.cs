using System.Security.Claims;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Store;
using RolloutController.Engine;
using RolloutController.PolicyFiles;

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
        reads.MapGet("/rollouts", RolloutListEndpoint.Handle);
        reads.MapGet("/rollouts/{flag}", GetAsync);
        reads.MapGet("/policies", Policies);
        var commands = app.MapGroup("/api/v1/rollouts").RequireAuthorization(ApiPolicies.Command);
        commands.MapPost("/{flag}/{action}", CommandAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(string flag, IRolloutStore store, KnownRollouts known, PendingSafetyMoves pending,
        IPolicySource policies, Flags.IFlagBackend flags, Calendar.FreezeCalendar calendar, TimeProvider time, CancellationToken ct)
    {
        var policy = policies.Find(flag);
        if (policy is null) return NotFound(flag);
        var (state, note) = await CurrentAsync(flag, store, known, pending, time, ct);
        if (state is null) return NotFound(flag);
        return Results.Ok(await DetailAsync(store, policy, state, time, known.WatchedSince(flag), note, ct, flags.PrerequisitesOf(flag), calendar.Periods) with
        {
            SwitchedOff = SwitchView.Of(flags.SwitchOf(flag)),
        });
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
        string flag, string action, HttpRequest request, ClaimsPrincipal caller, ApiAccess access,
        IRolloutStore store, IPolicySource policies, RolloutEngine engine, Scheduling.RolloutScheduler scheduler, Calendar.FreezeCalendar calendar,
        TimeProvider time, CancellationToken ct)
    {
        if (!TryParse(action, out var command))
            return ApiProblem.Create(404, "unknown action", $"'{action}' is not one of pause, resume, promote, abort");
        var policy = policies.Find(flag);
        if (policy is null) return NotFound(flag);
        // Role and owner scope before the body is read: a refused caller learns nothing from how its body is parsed.
        var (granted, refusal) = access.Check(request.HttpContext, ActionOf(command), policy.Metadata.Owner, $"flag '{flag}'");
        if (refusal is not null) return refusal;
        var (reason, problem) = await CommandBodyReader.ReadReasonAsync(request, ct);
        if (problem is not null) return problem;

        CommandOutcome outcome;
        try
        {
            outcome = await engine.CommandAsync(policy, command, caller.Identity!.Name!, reason, ct, granted.Grant!.ClaimValue);
        }
        catch (ConcurrencyConflictException ex)
        {
            return ApiProblem.Create(409, "conflict", ex.Message + "; try again");
        }
        if (outcome.State is null)
            return outcome.Unavailable ? ApiProblem.Create(503, "store unavailable", outcome.Error!) : ApiProblem.Create(409, "refused", outcome.Error!);
        // Applied and served, but not stored yet: a distinct answer, 202, saying so. No history read: the store is what did
        // not answer, and the answer must not wait on it again.
        if (!outcome.Stored)
            return Results.Json(RolloutViews.Detail(policy, outcome.State, [], [], [], time.GetUtcNow(), freezes: calendar.Periods) with { Note = outcome.Note },
                options: null, statusCode: StatusCodes.Status202Accepted);
        // A promote or resume can leave less than one interval of hold: schedule the round at its end now.
        if (command is RolloutCommand.Promote or RolloutCommand.Resume) await scheduler.ScheduleGateAsync(policy, outcome.State, ct);
        return Results.Ok(await DetailAsync(store, policy, outcome.State, time, null, null, ct, freezes: calendar.Periods));
    }

    private static IResult Policies(PolicyRegistry registry) => Results.Ok(PolicyStatus.Of(registry));

    /// <summary>How long a read answers from the store before it answers from what this replica serves. 1 second.</summary>
    private static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(1);

    private static async Task<RolloutDetail> DetailAsync(IRolloutStore store, Policies.RolloutPolicy policy, RolloutState state, TimeProvider time,
        DateTimeOffset? watchedSince, string? note, CancellationToken ct, IReadOnlyList<PrerequisiteShare>? prerequisites = null,
        IReadOnlyList<Calendar.FreezePeriod>? freezes = null)
    {
        var now = time.GetUtcNow();
        try
        {
            var measurements = store.GetMeasurementsAsync(state.FlagKey, HistoryLimit, ct);
            var transitions = store.GetTransitionsAsync(state.FlagKey, HistoryLimit, ct);
            var notifications = store.GetNotificationAttemptsAsync(state.FlagKey, HistoryLimit, ct);
            await Task.WhenAll(measurements, transitions, notifications).WaitAsync(ReadBudget, time, ct);
            return RolloutViews.Detail(policy, state, measurements.Result, transitions.Result, notifications.Result, now, watchedSince, prerequisites, freezes) with { Note = note };
        }
        catch (Exception e) when (e is StoreException or TimeoutException)
        {
            return RolloutViews.Detail(policy, state, [], [], [], now, watchedSince, prerequisites, freezes) with
            {
                Note = (note is null ? "" : note + "; ") + "the store did not answer in time: history is not shown",
            };
        }
    }

    private static ApiAction ActionOf(RolloutCommand command) => command switch
    {
        RolloutCommand.Pause => ApiAction.Pause,
        RolloutCommand.Resume => ApiAction.Resume,
        RolloutCommand.Promote => ApiAction.Promote,
        _ => ApiAction.Abort,
    };

    private static bool TryParse(string action, out RolloutCommand command)
    {
        command = default;
        return action is "pause" or "resume" or "promote" or "abort" && Enum.TryParse(action, ignoreCase: true, out command);
    }

    private static IResult NotFound(string flag) =>
        ApiProblem.Create(404, "rollout not found", $"no policy in force rolls out flag '{flag}'");
}
