using RolloutController.Rollouts;
using RolloutController.Time;

namespace RolloutController.Lifecycle;

/// <summary>
/// The reminder rule: when a flag's owner is reminded of its review and of its removal. Pure: the host passes the flag's
/// assessment, the reminders stored for it and the time, stores what this returns with its notices, and sends nothing
/// else.
/// </summary>
/// <remarks>
/// A review is due from its date on (<see cref="LifecycleAssessment.ReviewBy"/>, today included); a stale flag
/// (<see cref="LifecycleAssessment.Stale"/>) is due for removal. Each is sent once, then again every
/// <see cref="Every"/> while it stays due. A new date (an <c>extend</c> decision that has run out, a policy's new
/// <c>reviewBy</c>) is a new reminder, sent at once when that date has come.
/// </remarks>
internal static class ReviewReminders
{
    /// <summary>How often a reminder comes again while its flag stays due: 7 days.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromDays(7);

    /// <summary>The reminders to send now for <paramref name="flagKey"/>, each as it is to be stored.</summary>
    /// <param name="sent">The last reminder of each kind stored for the flag (others' are ignored).</param>
    public static IReadOnlyList<ReviewReminder> Decide(
        string flagKey, LifecycleAssessment assessment, IReadOnlyList<ReviewReminder> sent, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var due = new List<ReviewReminder>(2);
        if (assessment.ReviewBy is { } reviewBy && today >= reviewBy) Add(ReminderKind.ReviewDue, reviewBy);
        if (assessment.Stale && assessment.RemoveBy is { } removeBy) Add(ReminderKind.RemoveFromCode, removeBy);
        return due;

        void Add(ReminderKind kind, DateOnly date)
        {
            var last = sent.FirstOrDefault(s => s.Kind == kind && string.Equals(s.FlagKey, flagKey, StringComparison.Ordinal));
            if (last is null || last.Due != date || now - last.SentAt >= Every)
                due.Add(new ReviewReminder(flagKey, kind, date, now, (last?.Sent ?? 0) + 1));
        }
    }

    /// <summary>Whether any reminder may be due for the assessment (read the stored ones only then).</summary>
    public static bool MayBeDue(LifecycleAssessment assessment, DateOnly today) =>
        assessment.Stale || assessment.ReviewBy is { } reviewBy && today >= reviewBy;

    /// <summary>
    /// The notice of <paramref name="reminder"/>: a warning to the flag owner's routes (and the policy's <c>notify</c>),
    /// opening no incident. Its history entry is a <see cref="RolloutTrigger.Warn"/> that changes nothing.
    /// </summary>
    /// <param name="rollout">The flag's rollout, or null for a flag no policy drives.</param>
    public static RolloutNotice Notice(ReviewReminder reminder, LifecycleAssessment assessment, RolloutState? rollout)
    {
        var key = reminder.FlagKey;
        var today = DateOnly.FromDateTime(reminder.SentAt.UtcDateTime);
        var days = today.DayNumber - reminder.Due.DayNumber;
        var again = $"This reminder comes again every {(int)Every.TotalDays} days";
        var decide = $"rolloutctl review decide {key} delete|extend --until DATE|promote-to-ops --reason \"<why>\"";
        var (kind, summary, action, next) = reminder.Kind switch
        {
            ReminderKind.ReviewDue => (NoticeKind.ReviewDue,
                days == 0 ? $"'{key}' is due for review today ({reminder.Due:yyyy-MM-dd})"
                    : $"'{key}' is overdue for review: review by {reminder.Due:yyyy-MM-dd}, {days} day{(days == 1 ? "" : "s")} ago",
                $"Nothing changed in what is served. {again} until the review is decided or its date moved.",
                $"Review it and record the verdict: {decide}"),
            _ => (NoticeKind.RemoveFromCode,
                $"'{key}' has served 100% past its lifetime{Lifetime(assessment)}: remove it from code: criterion " +
                (assessment.Criterion ?? "none given (metadata.removal.criterion)"),
                $"Nothing changed in what is served. {again} until the flag is removed or its review extended.",
                $"Remove the flag from code, then its policy; to keep it: {decide}"),
        };
        var phase = rollout?.Phase ?? RolloutPhase.Completed;
        var stage = rollout?.StageIndex ?? -1;
        var weight = rollout?.ServedWeight ?? 0m;
        var record = new Transition(key, RolloutTrigger.Warn, phase, phase, stage, stage, weight, weight,
            RolloutDecider.ControllerActor, summary, reminder.SentAt);
        return new RolloutNotice(kind, NoticeSeverity.Warning, key, summary, action, next, record, [], []);
    }

    private static string Lifetime(LifecycleAssessment assessment) =>
        assessment.Lifetime is { } lifetime
            ? $" ({DurationParser.Format(lifetime)} at 100%, remove by {assessment.RemoveBy:yyyy-MM-dd})"
            : $" (remove by {assessment.RemoveBy:yyyy-MM-dd})";
}
