using System.Security.Claims;
using RolloutController.Engine;
using RolloutController.Flags;
using RolloutController.Flags.Switches;
using RolloutController.Policies.Yaml;
using RolloutController.Store;

namespace RolloutController.Api;

/// <summary>
/// The flags API: read one flag (declared by a Flag document, a policy or both) and switch it off or on — the kill
/// switch (<see cref="KillSwitch"/>). Switching needs an operator token and a reason, recorded with the time in the flag's
/// history; the checks run before anything changes: an unknown flag (404), a missing reason (400), a switch to the
/// position the flag is already in (409).
/// </summary>
internal static class FlagApi
{
    private const int HistoryLimit = 100;

    /// <summary>How long a read waits for the store's history before it answers without it. 1 second.</summary>
    private static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(1);

    public static IEndpointRouteBuilder MapFlagApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").RequireAuthorization(ApiPolicies.Read).MapGet("/flags/{flag}", GetAsync);
        app.MapGroup("/api/v1/flags").RequireAuthorization(ApiPolicies.Command).MapPost("/{flag}/{action}", SwitchAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(string flag, IPolicySource policies, IRolloutStore store, KnownRollouts known, PendingSafetyMoves pending, IFlagBackend flags,
        SwitchJournal journal, TimeProvider time, CancellationToken ct)
    {
        if (!Declared(flag, policies)) return NotFound(flag);
        return Results.Ok(await DetailAsync(flag, policies, store, known, pending, flags, journal, time, readHistory: true, ct));
    }

    private static async Task<IResult> SwitchAsync(string flag, string action, HttpRequest request, ClaimsPrincipal caller, ApiAccess access,
        KillSwitch killSwitch, IPolicySource policies, IRolloutStore store, KnownRollouts known, PendingSafetyMoves pending, IFlagBackend flags, SwitchJournal journal, TimeProvider time,
        CancellationToken ct)
    {
        if (action is not ("off" or "on")) return ApiProblem.Create(404, "unknown action", $"'{action}' is not one of off, on");
        if (!Declared(flag, policies)) return NotFound(flag);
        // Role and owner scope before the body is read: a refused caller learns nothing from how its body is parsed.
        var (granted, refusal) = access.Check(request.HttpContext, ApiAction.KillSwitch, MetadataOf(flag, policies).Owner, $"flag '{flag}'");
        if (refusal is not null) return refusal;
        var (reason, problem) = await CommandBodyReader.ReadReasonAsync(request, ct);
        if (problem is not null) return problem;
        var outcome = await killSwitch.SwitchAsync(flag, action == "off", caller.Identity!.Name!, reason, ct, granted.Grant!.ClaimValue);
        switch (outcome.Status)
        {
            case 404: return NotFound(flag);
            case 409: return ApiProblem.Create(409, "refused", outcome.Error!);
            case 503: return ApiProblem.Create(503, "store unavailable", outcome.Error!);
        }
        // Served but not stored yet: no history read, since the store is what did not answer.
        var detail = await DetailAsync(flag, policies, store, known, pending, flags, journal, time, readHistory: outcome.Stored, ct);
        return Results.Json(detail with { Note = outcome.Note ?? detail.Note, RolloutNote = outcome.RolloutNote }, options: null, statusCode: outcome.Status);
    }

    private static async Task<FlagDetail> DetailAsync(string flag, IPolicySource policies, IRolloutStore store, KnownRollouts known, PendingSafetyMoves pending, IFlagBackend flags,
        SwitchJournal journal, TimeProvider time, bool readHistory, CancellationToken ct)
    {
        var policy = policies.Find(flag);
        var declared = policies.Flags.FirstOrDefault(f => f.Key == flag);
        var metadata = MetadataOf(flag, policies);
        var now = time.GetUtcNow();
        var seen = SeenRollouts.Find(flag, known, pending);
        var note = journal.Find(flag) is { } unstoredSwitch
            ? $"switched off in what is served since {unstoredSwitch.Switch.At:u}, not stored yet: it is kept in this replica's journal and stored as soon as the store answers (see /readyz)"
            : null;
        IReadOnlyList<TransitionView> history = [];
        if (readHistory)
        {
            try
            {
                history = (await store.GetTransitionsAsync(flag, HistoryLimit, ct).WaitAsync(ReadBudget, time, ct)).Select(RolloutViews.Transition).ToList();
            }
            catch (Exception e) when (e is StoreException or TimeoutException)
            {
                note = (note is null ? "" : note + "; ") + "the store did not answer in time: history is not shown";
            }
        }
        return new FlagDetail(flag, NodeReader.EnumName(metadata.Type), metadata.Owner, NodeReader.EnumName(declared?.Layer ?? FlagLayer.App),
            declared is null ? "off" : declared.Variants[declared.DefaultVariant].Name, policy?.Metadata.Name,
            SwitchView.Of(flags.SwitchOf(flag)), seen is null ? null : RolloutViews.Summary(policy, seen.State, now, seen.WatchedSince, seen.NotStoredSince), history, note);
    }

    // The Flag document's metadata when it names an owner, else the policy's.
    private static Policies.PolicyMetadata MetadataOf(string flag, IPolicySource policies)
    {
        var declared = policies.Flags.FirstOrDefault(f => f.Key == flag);
        return declared?.Metadata is { Owner.Length: > 0 } m ? m : policies.Find(flag)?.Metadata ?? declared!.Metadata;
    }

    private static bool Declared(string flag, IPolicySource policies) => policies.Find(flag) is not null || policies.Flags.Any(f => f.Key == flag);

    private static IResult NotFound(string flag) =>
        ApiProblem.Create(404, "flag not found", $"no Flag document or policy in force declares flag '{flag}'");
}
