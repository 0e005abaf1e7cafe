using RolloutController.Rollouts;
using RolloutController.Engine;

namespace RolloutController.Api;

/// <summary>
/// <c>GET /api/v1/rollouts</c>: pages through the rollouts this replica knows as they are seen (<see cref="SeenRollouts"/>:
/// what is served, a safety move not stored yet included), filtered by owner, phase, type and lateness, in flag order.
/// Answered from memory, so a listing of thousands of rollouts does not touch the store; <c>GET /api/v1/rollouts/{flag}</c>
/// reads one rollout's full record from the store.
/// </summary>
internal static class RolloutListEndpoint
{
    public static IResult Handle(HttpRequest request, KnownRollouts known, PendingSafetyMoves pending, IPolicySource policies, TimeProvider time)
    {
        var query = RolloutListQuery.Parse(request.Query, out var errors);
        if (errors.Count > 0) return ApiProblem.Create(StatusCodes.Status400BadRequest, "invalid query", string.Join("; ", errors));
        return Results.Ok(Page(SeenRollouts.All(known, pending), policies, query, time.GetUtcNow()));
    }

    /// <summary>The page <paramref name="query"/> asks for. Pure but for reading the policies in force.</summary>
    /// <remarks>
    /// Filters and orders on the states themselves and builds the views of the one page only: with thousands of
    /// rollouts, a view per rollout per call would cost more than the rest of the call together.
    /// </remarks>
    public static RolloutPage Page(
        IEnumerable<SeenRollout> rollouts, IPolicySource policies, RolloutListQuery query, DateTimeOffset now)
    {
        var matching = rollouts
            .Select(r => (r.State, r.WatchedSince, r.NotStoredSince, Policy: policies.Find(r.State.FlagKey)))
            .Where(r => Matches(r.State, r.Policy, r.WatchedSince, query, now))
            .ToList();
        matching.Sort((a, b) => string.CompareOrdinal(a.State.FlagKey, b.State.FlagKey));
        var start = query.After is null ? 0 : matching.FindIndex(r => string.CompareOrdinal(r.State.FlagKey, query.After) > 0);
        if (start < 0) start = matching.Count;
        var page = matching.Skip(start).Take(query.Limit).Select(r => RolloutViews.Summary(r.Policy, r.State, now, r.WatchedSince, r.NotStoredSince)).ToList();
        var next = start + page.Count < matching.Count ? page[^1].Flag : null;
        return new RolloutPage(page, next, matching.Count);
    }

    private static bool Matches(RolloutState s, Policies.RolloutPolicy? policy, DateTimeOffset? watchedSince, RolloutListQuery q, DateTimeOffset now) =>
        (q.Owner is null || string.Equals(policy?.Metadata.Owner, q.Owner, StringComparison.Ordinal))
        && (q.Phase is null || s.Phase == q.Phase)
        && (q.Type is null || policy?.Metadata.Type == q.Type)
        && (q.Late is null || (policy is not null && RoundClock.Overdue(policy, s, watchedSince ?? s.UpdatedAt, now) > TimeSpan.Zero) == q.Late);
}
