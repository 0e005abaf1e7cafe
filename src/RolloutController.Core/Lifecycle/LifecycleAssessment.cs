namespace RolloutController.Lifecycle;

/// <summary>
/// Where a flag stands in its lifecycle on a day: the date it must be reviewed by, the date it must be removed by (a
/// release flag at 100%: reached plus lifetime), whether either has passed, and the verdict to suggest.
/// </summary>
/// <param name="ReviewBy">The policy's <c>reviewBy</c>, a later date an <c>extend</c> decision set, or for a permanent flag the quarter's end.</param>
/// <param name="Overdue">The review date has passed.</param>
/// <param name="Stale">A release flag at 100% past its lifetime, or an experiment past its end, not extended.</param>
internal sealed record LifecycleAssessment(
    string Type,
    DateOnly? ReviewBy,
    string? Criterion,
    TimeSpan? Lifetime,
    DateOnly? RemoveBy,
    bool Overdue,
    bool Stale,
    ReviewVerdict Suggested,
    ReviewDecision? Decision);
