using RolloutController.Rollouts;

namespace RolloutController.Api;

/// <summary>
/// <c>GET /api/v1/rollouts</c>: pages through the rollouts this replica knows (what it serves), filtered by owner, phase,
/// type and lateness, in flag order. Answered from memory, so a listing of thousands of rollouts does not touch the
/// store; <c>GET /api/v1/rollouts/{flag}</c> reads one rollout's full record from the store.
/// </summary>
internal static class RolloutListEndpoint
{
    public static IResult Handle(HttpRequest request, KnownRollouts known, IPolicySource policies, TimeProvider time)
    {
        var query = RolloutListQuery.Parse(request.Query, out var errors);
        if (errors.Count > 0) return ApiProblem.Create(StatusCodes.Status400BadRequest, "invalid query", string.Join("; ", errors));
        return Results.Ok(Page(known.All, policies, query, time.GetUtcNow()));
    }

    /// <summary>The page <paramref name="query"/> asks for. Pure but for reading the policies in force.</summary>
    public static RolloutPage Page(
        IEnumerable<(RolloutState State, DateTimeOffset? WatchedSince)> rollouts, IPolicySource policies, RolloutListQuery query, DateTimeOffset now)
    {
        var matching = rollouts
            .Select(r => RolloutViews.Summary(policies.Find(r.State.FlagKey), r.State, now, r.WatchedSince))
            .Where(s => Matches(s, query))
            .OrderBy(s => s.Flag, StringComparer.Ordinal)
            .ToList();
        var start = query.After is null ? 0 : matching.FindIndex(s => string.CompareOrdinal(s.Flag, query.After) > 0);
        if (start < 0) start = matching.Count;
        var page = matching.Skip(start).Take(query.Limit).ToList();
        var next = start + page.Count < matching.Count ? page[^1].Flag : null;
        return new RolloutPage(page, next, matching.Count);
    }

    private static bool Matches(RolloutSummary s, RolloutListQuery q) =>
        (q.Owner is null || string.Equals(s.Owner, q.Owner, StringComparison.Ordinal))
        && (q.Phase is null || s.Phase == q.Phase.ToString())
        && (q.Type is null || s.Type == q.Type.Value.ToString().ToLowerInvariant())
        && (q.Late is null || (s.OverdueSeconds > 0) == q.Late);
}
