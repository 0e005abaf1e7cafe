namespace RolloutController.Dashboard;

/// <summary>
/// Whether a flag is due for review: its <c>metadata.removal.reviewBy</c> date has passed (overdue) or falls within
/// <see cref="Horizon"/> (due soon). The one place this rule lives; the list's filter and the review page ask here.
/// </summary>
internal static class ReviewDue
{
    /// <summary>How far ahead a review date counts as due: 14 days, time to plan the flag's removal.</summary>
    public const int Horizon = 14;

    public static ReviewState Of(DateOnly? reviewBy, DateOnly today) =>
        reviewBy is not { } date ? ReviewState.None
        : date < today ? ReviewState.Overdue
        : date.DayNumber - today.DayNumber <= Horizon ? ReviewState.DueSoon
        : ReviewState.Later;

    public static bool IsDue(DateOnly? reviewBy, DateOnly today) => Of(reviewBy, today) is ReviewState.Overdue or ReviewState.DueSoon;
}
