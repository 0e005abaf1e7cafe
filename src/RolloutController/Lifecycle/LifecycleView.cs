namespace RolloutController.Lifecycle;

/// <summary>
/// A flag's lifecycle in the API: review date and removal criterion, lifetime (e.g. <c>14d</c>), the date it must be
/// removed by, whether either has passed, the suggested verdict and the last decision.
/// </summary>
internal sealed record LifecycleView(
    string Type, DateOnly? ReviewBy, string? Criterion, string? Lifetime, DateOnly? RemoveBy, bool Overdue, bool Stale, string Suggested,
    ReviewDecisionView? Decision)
{
    public static LifecycleView Of(LifecycleAssessment a) => new(a.Type, a.ReviewBy, a.Criterion,
        a.Lifetime is { } l ? $"{(int)l.TotalDays}d" : null, a.RemoveBy, a.Overdue, a.Stale, FlagLifecycle.Name(a.Suggested),
        a.Decision is { } d ? new ReviewDecisionView(FlagLifecycle.Name(d.Verdict), d.Until, d.At, d.Actor) : null);
}
