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
        IPolicySource policies, Flags.IFlagBackend flags, Calendar.FreezeCalendar calendar, Lifecycle.LifecycleReader lifecycle, TimeProvider time, IServiceProvider services,
        CancellationToken ct)
    {
        var policy = policies.Find(flag);
        if (policy is null) return NotFound(flag);
        var (seen, note) = await RolloutReads.CurrentAsync(flag, store, known, pending, time, ct);
        if (seen is null) return NotFound(flag);
        var platforms = services.GetService<Flags.Platforms.PlatformSync>();
        var detail = await DetailAsync(store, policy, seen, time, note, ct, flags.PrerequisitesOf(flag), calendar.Periods,
            PlatformView.LastObservation(platforms, flag));
        return Results.Ok(detail with
        {
            SwitchedOff = SwitchView.Of(flags.SwitchOf(flag)),
            Lifecycle = Lifecycle.LifecycleView.Of(await lifecycle.AssessWithinAsync(policy, RolloutReads.ReadBudget, ct)),
            Platform = PlatformView.Of(platforms, flag),
        });
    }

    private static async Task<IResult> CommandAsync(
        string flag, string action, HttpRequest request, ClaimsPrincipal caller, ApiAccess access,
        IRolloutStore store, KnownRollouts known, PendingSafetyMoves pending, IPolicySource policies, RolloutEngine engine,
        Scheduling.RolloutScheduler scheduler, Calendar.FreezeCalendar calendar, TimeProvider time, IServiceProvider services, CancellationToken ct)
    {
        if (!RolloutCommands.TryParse(action, out var command))
            return ApiProblem.Create(404, "unknown action", $"'{action}' is not one of {string.Join(", ", RolloutCommands.Names)}");
        var policy = policies.Find(flag);
        if (policy is null) return NotFound(flag);
        // Role and owner scope before the body is read: a refused caller learns nothing from how its body is parsed.
        var (granted, refusal) = access.Check(request.HttpContext, RolloutCommands.ActionOf(command), policy.Metadata.Owner, $"flag '{flag}'");
        if (refusal is not null) return refusal;
        var (body, reason, problem) = await CommandBodyReader.ReadCommandAsync(request, ct);
        if (problem is not null) return problem;
        var segment = SegmentInclusion.Parse(body?.Segment);
        if (command == RolloutCommand.Include && segment is null)
            return ApiProblem.Create(400, "segment required",
                $"send {{\"reason\": \"...\", \"segment\": \"plan=enterprise\"}}: the excluded segment as label=value pairs, or as status shows it; got '{body?.Segment}'");

        var run = await RolloutCommands.RunAsync(policy, command, caller.Identity!.Name!, granted.Grant!.ClaimValue, reason, engine, scheduler, ct,
            RolloutCommands.Memberships(caller), segment, services);
        return run.Kind switch
        {
            RolloutCommandResult.Conflict => ApiProblem.Create(409, "conflict", run.Error!),
            RolloutCommandResult.Unavailable => ApiProblem.Create(503, "store unavailable", run.Error!),
            RolloutCommandResult.PlatformUnavailable => ApiProblem.Create(503, "flag platform unavailable", run.Error!),
            RolloutCommandResult.Refused => ApiProblem.Create(409, "refused", run.Error!),
            // Applied and served, but not stored yet: a distinct answer, 202, saying so. No history read: the store is what
            // did not answer, and the answer must not wait on it again.
            RolloutCommandResult.NotStored => Results.Json(RolloutViews.Detail(policy, run.State!, [], [], [], time.GetUtcNow(), freezes: calendar.Periods,
                    notStoredSince: SeenRollouts.Unstored(flag, known, pending)?.NotStoredSince) with { Note = run.Note },
                options: null, statusCode: StatusCodes.Status202Accepted),
            _ => Results.Ok(await DetailAsync(store, policy, new SeenRollout(run.State!, null, null), time, null, ct, freezes: calendar.Periods)),
        };
    }

    private static IResult Policies(PolicyRegistry registry) => Results.Ok(PolicyStatus.Of(registry));

    private static async Task<RolloutDetail> DetailAsync(IRolloutStore store, Policies.RolloutPolicy policy, SeenRollout seen, TimeProvider time,
        string? note, CancellationToken ct, IReadOnlyList<PrerequisiteShare>? prerequisites = null,
        IReadOnlyList<Calendar.FreezePeriod>? freezes = null, Flags.Platforms.PlatformObservation? platform = null)
    {
        var record = await RolloutReads.RecordAsync(store, seen.State.FlagKey, RolloutReads.HistoryLimit, time, ct);
        var notes = string.Join("; ", new[] { note, record.Note }.Where(n => n is not null));
        return RolloutViews.Detail(policy, seen.State, record.Measurements, record.Transitions, record.Notifications, time.GetUtcNow(),
            seen.WatchedSince, prerequisites, freezes, seen.NotStoredSince, platform) with
        {
            Note = notes.Length == 0 ? null : notes,
        };
    }

    private static IResult NotFound(string flag) =>
        ApiProblem.Create(404, "rollout not found", $"no policy in force rolls out flag '{flag}'");
}
