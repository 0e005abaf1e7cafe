using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Api;

/// <summary>
/// The filters and page of <c>GET /api/v1/rollouts</c>: <c>limit</c> (1–1,000, default 100), <c>after</c> (a flag key:
/// the page starts after it), <c>owner</c>, <c>phase</c>, <c>type</c> and <c>late</c> (true: only rollouts whose rounds are
/// overdue). Every bad parameter is reported at once.
/// </summary>
internal sealed record RolloutListQuery(int Limit, string? After, string? Owner, RolloutPhase? Phase, FlagType? Type, bool? Late)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Parses the query string; <paramref name="errors"/> lists every parameter that is not valid.</summary>
    public static RolloutListQuery Parse(IQueryCollection query, out List<string> errors)
    {
        errors = [];
        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > MaxLimit))
            errors.Add($"limit must be a whole number from 1 to {MaxLimit} (was '{l}')");
        RolloutPhase? phase = null;
        if (query["phase"].ToString() is { Length: > 0 } p)
        {
            if (Enum.TryParse<RolloutPhase>(p, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(p[0])) phase = parsed;
            else errors.Add($"phase must be one of {string.Join(", ", Enum.GetNames<RolloutPhase>())} (was '{p}')");
        }
        FlagType? type = null;
        if (query["type"].ToString() is { Length: > 0 } t)
        {
            if (Enum.TryParse<FlagType>(t, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(t[0])) type = parsed;
            else errors.Add($"type must be one of {string.Join(", ", Enum.GetNames<FlagType>().Select(n => n.ToLowerInvariant()))} (was '{t}')");
        }
        bool? late = null;
        if (query["late"].ToString() is { Length: > 0 } lt)
        {
            if (bool.TryParse(lt, out var parsed)) late = parsed;
            else errors.Add($"late must be true or false (was '{lt}')");
        }
        var owner = query["owner"].ToString();
        var after = query["after"].ToString();
        return new RolloutListQuery(limit, after.Length > 0 ? after : null, owner.Length > 0 ? owner : null, phase, type, late);
    }
}
