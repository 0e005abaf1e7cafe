using RolloutController.Policies;

namespace RolloutController.Lifecycle;

/// <summary>
/// The lifecycle rule: when a flag is due for review, when it is stale, and what to suggest. Pure: the host passes the
/// day, the rollout's weight and since when it serves 100%, and the last review decision.
/// </summary>
internal static class FlagLifecycle
{
    /// <param name="fullSince">When the flag started serving 100% (null when it does not).</param>
    /// <param name="firstSeen">When the flag's rollout started, for the quarterly review of permanent flags.</param>
    public static LifecycleAssessment Assess(
        FlagType type, RemovalSpec? removal, DateTimeOffset? fullSince, ReviewDecision? decision, DateTimeOffset? firstSeen, DateOnly today)
    {
        // A flag promoted to ops is permanent from the decision on, whatever its file still says.
        var effectiveType = decision?.Verdict == ReviewVerdict.PromoteToOps ? FlagType.Ops : type;
        var lifetime = effectiveType == type ? FlagLifetimes.Of(type, removal) : null;
        var permanent = effectiveType is FlagType.Ops or FlagType.Permission;

        DateOnly? reviewBy = decision?.Verdict == ReviewVerdict.Extend ? decision.Until
            : permanent && (removal is null || decision?.Verdict == ReviewVerdict.PromoteToOps)
                ? Day((decision?.At ?? firstSeen ?? Start(today)) + FlagLifetimes.ReviewEvery)
            : removal?.ReviewBy;
        DateOnly? removeBy = effectiveType == FlagType.Release && fullSince is { } full && lifetime is { } life ? Day(full + life)
            : effectiveType == FlagType.Experiment ? (lifetime is { } l && fullSince is { } f ? Day(f + l) : removal?.ReviewBy)
            : null;

        var extended = decision?.Verdict == ReviewVerdict.Extend && decision.Until >= today;
        var overdue = reviewBy is { } r && today > r;
        var stale = !extended && removeBy is { } d && today > d;
        var suggested = decision?.Verdict == ReviewVerdict.Delete || stale ? ReviewVerdict.Delete
            : permanent ? ReviewVerdict.Extend
            : effectiveType == FlagType.Release && fullSince is not null && !overdue ? ReviewVerdict.Extend
            : effectiveType == FlagType.Release && fullSince is not null ? ReviewVerdict.Delete
            : ReviewVerdict.Extend;
        return new LifecycleAssessment(Name(effectiveType), reviewBy, removal?.Criterion, lifetime, removeBy, overdue, stale, suggested, decision);
    }

    /// <summary>A warning per policy whose <c>reviewBy</c> is before <paramref name="today"/>: it still loads.</summary>
    public static IReadOnlyList<PolicyDiagnostic> PastReviewBy(IEnumerable<RolloutPolicy> policies, DateOnly today) =>
        [.. policies
            .Where(p => p.Metadata.Removal is { } removal && removal.ReviewBy < today)
            .Select(p => new PolicyDiagnostic(p.Source, 1, 1, "metadata.removal.reviewBy",
                $"reviewBy {p.Metadata.Removal!.ReviewBy:yyyy-MM-dd} of '{p.Metadata.Name}' is in the past: review the flag " +
                $"(rolloutctl review decide {p.Flag.Key} delete|extend --until DATE|promote-to-ops --reason ...) and update the file",
                IsWarning: true))];

    public static string Name(FlagType type) => type.ToString().ToLowerInvariant();

    public static string Name(ReviewVerdict verdict) => verdict == ReviewVerdict.PromoteToOps ? "promote-to-ops" : verdict.ToString().ToLowerInvariant();

    private static DateOnly Day(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
