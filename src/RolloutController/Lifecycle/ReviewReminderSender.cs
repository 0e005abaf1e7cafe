using RolloutController.Engine;
using RolloutController.Notifications;
using RolloutController.Store;

namespace RolloutController.Lifecycle;

/// <summary>
/// The I/O shell of <see cref="ReviewReminders"/>: after each count of <see cref="LifecycleMonitor"/>, reads the
/// reminders sent so far (only when a flag may be due), and stores each reminder the rule decides with its notices in one
/// transaction, over the count it was decided on. Another replica (or this one before a restart) that stored it first
/// wins, and this one sends nothing; the outbox then delivers, retries and counts the notices like any other.
/// </summary>
internal sealed class ReviewReminderSender(
    IRolloutStore store, OutboxPlanner planner, INoticePublisher notices, KnownRollouts known, TimeProvider time, ILogger<ReviewReminderSender> logger)
{
    /// <returns>How many reminders this replica stored.</returns>
    public async Task<int> SendAsync(IReadOnlyList<LifecycleSubject> subjects, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var due = subjects.Where(s => ReviewReminders.MayBeDue(s.Assessment, today)).ToList();
        if (due.Count == 0) return 0;
        IReadOnlyList<ReviewReminder> sent;
        try
        {
            sent = await store.ListRemindersAsync(cancellationToken);
        }
        catch (StoreException e)
        {
            LifecycleLog.RemindersNotRead(logger, e);
            return 0;
        }
        var stored = 0;
        foreach (var subject in due)
        {
            foreach (var reminder in ReviewReminders.Decide(subject.FlagKey, subject.Assessment, sent, now))
            {
                var notice = ReviewReminders.Notice(reminder, subject.Assessment, known.Find(subject.FlagKey));
                var write = new ReminderWrite(reminder, planner.Plan(notice, subject.Metadata, subject.StageCount, subject.Notify));
                var kind = ReminderRow.Kind(reminder.Kind);
                try
                {
                    if (await store.SaveReminderAsync(write, cancellationToken))
                    {
                        stored++;
                        LifecycleLog.ReminderSent(logger, kind, reminder.Sent, subject.FlagKey, subject.Metadata.Owner, reminder.Due, notice.Summary);
                    }
                    else
                    {
                        LifecycleLog.ReminderSentElsewhere(logger, kind, subject.FlagKey);
                    }
                }
                catch (StoreException e)
                {
                    LifecycleLog.ReminderNotStored(logger, e, kind, subject.FlagKey);
                }
            }
        }
        if (stored > 0) notices.Stored();
        return stored;
    }
}
