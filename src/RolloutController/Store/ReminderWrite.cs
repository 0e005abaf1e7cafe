using RolloutController.Lifecycle;

namespace RolloutController.Store;

/// <summary>A lifecycle reminder to store in one transaction with its notices.</summary>
/// <param name="Reminder">Stored only if the flag's stored reminder of that kind still has <c>Sent - 1</c> (none stored counts as 0).</param>
internal sealed record ReminderWrite(ReviewReminder Reminder, IReadOnlyList<OutboxDelivery> Outbox);
